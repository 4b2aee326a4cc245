import { DOCTOR_HOPS } from '../../../../electron/shared/contract/doctor.ts';
import type {
  DoctorCheck,
  DoctorHop,
  DoctorReport,
  DoctorStatus,
  ErrorCode,
  IpcError,
  KubeDeskClient,
} from '../../../../electron/shared/ipc-contract.ts';

/** The CLI's marks (docs/doctor.md, Checks): ✓ ok, ✗ failed, – skipped, ? unknown. */
export const STATUS_GLYPH: Record<DoctorStatus, string> = { ok: '✓', failed: '✗', skipped: '–', unknown: '?' };

const CLUSTER_HOPS = DOCTOR_HOPS.slice(0, DOCTOR_HOPS.indexOf('service'));

/** The hops a run walks, in path order: the cluster path, then the service path when a service is named. */
export function expectedHops(service: string | null): DoctorHop[] {
  return service ? [...DOCTOR_HOPS] : [...CLUSTER_HOPS];
}

/** One row of the panel: a hop and its check once it has come in (null: still to come). */
export interface DoctorRow {
  hop: DoctorHop;
  check: DoctorCheck | null;
}

const CONNECTION_CODES: readonly ErrorCode[] = ['unreachable', 'timeout', 'unauthorized', 'forbidden'];

/** unreachable, timeout, 401, 403: the path to the cluster is the first suspect. */
export function isConnectionError(error: IpcError): boolean {
  return CONNECTION_CODES.includes(error.code);
}

/**
 * Whether an error offers "Diagnose": the doctor needs a context, so only where one is known;
 * there, any error but a cancel (a connection error first of all, isConnectionError).
 */
export function diagnosable(error: IpcError, context: string | null | undefined): boolean {
  return Boolean(context) && error.code !== 'cancelled';
}

/** A run id `doctor:run` accepts (`[A-Za-z0-9_-]{1,64}`); getRandomValues works outside secure contexts too. */
export function newRunId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One doctor run at a time for the panel (docs/doctor.md): `doctor:run` with a fresh run id, and
 * the `doctor:check` events of that run drawn as they arrive; the final report replaces them.
 * A new run makes the events and answer of the previous one stale.
 */
export class DoctorState {
  context = $state('');
  service = $state<string | null>(null);
  checks = $state.raw<DoctorCheck[]>([]);
  report = $state.raw<DoctorReport | null>(null);
  error = $state<IpcError | null>(null);
  running = $state(false);
  rows = $derived<DoctorRow[]>(expectedHops(this.service).map((hop) => ({ hop, check: this.checks.find((c) => c.hop === hop) ?? null })));
  /** The first failed hop, the one the path dies at. */
  failing = $derived(this.checks.find((c) => c.status === 'failed') ?? null);

  #client: KubeDeskClient;
  #newRunId: () => string;
  #runId: string | null = null;

  constructor(client: KubeDeskClient, runId: () => string = newRunId) {
    this.#client = client;
    this.#newRunId = runId;
  }

  /** Walks the path of `context` (and `service`, `NS/NAME[:PORT]`); resolves with the report, or null on an error or a newer run. */
  async run(context: string, service: string | null = null): Promise<DoctorReport | null> {
    const runId = this.#newRunId();
    this.#runId = runId;
    this.context = context;
    this.service = service;
    this.checks = [];
    this.report = null;
    this.error = null;
    this.running = true;
    const off = this.#client.on('doctor:check', (e) => {
      if (e.runId !== this.#runId) return;
      this.checks = [...this.checks.filter((c) => c.hop !== e.check.hop), e.check].sort(
        (a, b) => DOCTOR_HOPS.indexOf(a.hop) - DOCTOR_HOPS.indexOf(b.hop),
      );
    });
    try {
      const r = await this.#client.invoke('doctor:run', { context, service, runId });
      if (this.#runId !== runId) return null;
      if (!r.ok) {
        this.error = r.error;
        return null;
      }
      this.report = r.value;
      this.checks = r.value.checks;
      return r.value;
    } finally {
      off();
      if (this.#runId === runId) this.running = false;
    }
  }

  /** Runs the last context and service again. */
  rerun(): Promise<DoctorReport | null> {
    return this.run(this.context, this.service);
  }
}
