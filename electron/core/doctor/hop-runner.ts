// Runs the doctor's hops one after another (docs/doctor.md, How a run works): each under its own time
// budget, timed, streamed to `onCheck` as it finishes; a hop whose prerequisite failed (or was
// skipped because of a failure) is skipped without running, naming the hop that failed.
import type { DoctorCheck, DoctorHop, DoctorStatus } from '../../shared/contract/doctor.ts';
import { describe, KubeDeskError } from '../errors.ts';

export interface HopOutcome {
  status: DoctorStatus;
  detail: string;
  hint?: string | null | undefined;
}

export interface HopStep {
  hop: DoctorHop;
  /** Hops that must not have failed for this one to run. */
  after: readonly DoctorHop[];
  budgetMs: number;
  /** `signal` aborts at the budget (or when the whole run is cancelled). */
  run(signal: AbortSignal): Promise<HopOutcome>;
}

export const ok = (detail: string, hint?: string): HopOutcome => ({ status: 'ok', detail, hint });
export const failed = (detail: string, hint: string): HopOutcome => ({ status: 'failed', detail, hint });
export const skipped = (detail: string): HopOutcome => ({ status: 'skipped', detail });
export const unknown = (detail: string, hint?: string): HopOutcome => ({ status: 'unknown', detail, hint });

/** Thrown by a hop for a failure with its own hint (anything else thrown becomes a failure too). */
export class HopFailure extends Error {
  readonly hint: string;
  constructor(detail: string, hint: string) {
    super(detail);
    this.name = 'HopFailure';
    this.hint = hint;
  }
}

export class HopRunner {
  readonly checks: DoctorCheck[] = [];
  /** Hop → the failed hop that blocks whatever comes after it. */
  #blockedBy = new Map<DoctorHop, DoctorHop>();
  #onCheck: (check: DoctorCheck) => void;
  #signal: AbortSignal;

  constructor(onCheck: (check: DoctorCheck) => void, signal: AbortSignal) {
    this.#onCheck = onCheck;
    this.#signal = signal;
  }

  get failed(): boolean {
    return this.checks.some((c) => c.status === 'failed');
  }

  /** Whether `hop` ran and passed (ok or unknown). */
  passed(hop: DoctorHop): boolean {
    const c = this.checks.find((x) => x.hop === hop);
    return c !== undefined && (c.status === 'ok' || c.status === 'unknown');
  }

  async step(step: HopStep): Promise<DoctorCheck> {
    if (this.#signal.aborted) throw new KubeDeskError('cancelled', 'cancelled');
    const blocker = step.after.map((h) => this.#blockedBy.get(h)).find((b) => b !== undefined);
    if (blocker) {
      this.#blockedBy.set(step.hop, blocker);
      return this.#finish(step.hop, { status: 'skipped', detail: `${blocker} failed` }, 0);
    }
    const started = performance.now();
    const outcome = await this.#runWithin(step);
    if (outcome.status === 'failed') this.#blockedBy.set(step.hop, step.hop);
    return this.#finish(step.hop, outcome, performance.now() - started);
  }

  async #runWithin(step: HopStep): Promise<HopOutcome> {
    const budget = AbortSignal.timeout(step.budgetMs);
    const signal = AbortSignal.any([this.#signal, budget]);
    let onAbort: (() => void) | undefined;
    // A hop that ignores its signal still ends at the budget.
    const deadline = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([step.run(signal), deadline]);
    } catch (err) {
      if (this.#signal.aborted) throw new KubeDeskError('cancelled', 'cancelled', { cause: err });
      if (budget.aborted) {
        return failed(
          `no answer within ${step.budgetMs} ms (timed out)`,
          'Something on the way drops packets: a firewall, a VPN that is not connected, or a server that is down.',
        );
      }
      if (err instanceof HopFailure) return failed(err.message, err.hint);
      return failed(describe(err), 'See docs/doctor.md for this hop.');
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }

  #finish(hop: DoctorHop, o: HopOutcome, ms: number): DoctorCheck {
    const check: DoctorCheck = { hop, status: o.status, ms: Math.round(ms), detail: o.detail, hint: o.hint ?? null };
    this.checks.push(check);
    this.#onCheck(check);
    return check;
  }
}
