// Names each failed attempt to reach a forward's pod (docs/port-forward.md, When a forward fails):
// sets the state's reason, says `waiting` once per outage, reports a reason when it changes, and
// counts TLS or credentials refusals in a row; the last one allowed fails the forward instead of
// retrying in silence. The reason itself comes from failure-reason.ts.
import { KubeDeskError } from '../errors.ts';
import { failureReason, WaitingForPod } from './failure-reason.ts';
import { errorCodeOf } from './error-code.ts';
import type { ForwardObserver } from './forward-snapshot.ts';
import type { SessionState } from './session-state.ts';

/** TLS or credentials refused this many attempts in a row: Failed. */
export const MAX_PERMANENT_FAILURES = 3;

interface FailedAttemptsDeps {
  state: SessionState;
  observer: ForwardObserver | undefined;
  maxPermanentFailures: number;
  /** Gave up (Failed): close every connection and stop the background work. */
  gaveUp(): void;
}

export class FailedAttempts {
  #d: FailedAttemptsDeps;
  /** Consecutive attempts refused for TLS or credentials. */
  #permanent = 0;
  /** The reason last reported by `attemptFailed`, and whether `waiting` was said, this outage. */
  #reported: string | undefined;
  #waitingSaid = false;

  constructor(deps: FailedAttemptsDeps) {
    this.#d = deps;
  }

  /** The session went Active after a passing probe: a new outage starts from scratch. */
  reset(): void {
    this.#permanent = 0;
    this.#reported = undefined;
    this.#waitingSaid = false;
  }

  /**
   * Names one failed attempt (state reason, `attemptFailed`, `waiting`); true when it was the
   * last TLS or credentials refusal allowed and the forward is now Failed.
   */
  failed(podName: string | undefined, err: unknown): boolean {
    const { state, observer } = this.#d;
    const { kind, reason } = failureReason(err);
    const pod = podName ?? state.activePod ?? state.resolution?.pods[0]?.name ?? '';
    state.reason = reason;
    if (kind === 'waiting') {
      if (err instanceof WaitingForPod && err.pod !== undefined && !this.#waitingSaid) {
        this.#waitingSaid = true;
        observer?.waiting?.(err.pod, reason);
      }
    } else if (kind === 'permanent' || reason !== this.#reported) {
      this.#reported = reason;
      observer?.attemptFailed?.(pod, reason);
    }
    if (kind !== 'permanent') {
      this.#permanent = 0;
      return false;
    }
    if (++this.#permanent < this.#d.maxPermanentFailures) return false;
    const tries = this.#permanent;
    state.fail(
      new KubeDeskError(errorCodeOf(err), `could not reach pod ${pod}: ${reason} (gave up after ${tries} tries)`, { cause: err }),
      reason,
    );
    this.#d.gaveUp();
    return true;
  }
}
