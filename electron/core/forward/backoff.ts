// Retry delays for a lost forward (docs/port-forward.md, Pod loss): 0.5 s doubling to 8 s, forever, with jitter
// so that many forwards to one apiserver do not retry in step. Jitter only shortens a delay,
// so the cap holds.

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  /** Fraction of the delay that may be taken off at random (0–1). */
  jitter?: number;
  random?: () => number;
}

const BACKOFF_INITIAL_MS = 500;
const BACKOFF_MAX_MS = 8000;

/** Delay before retry number `attempt` (0-based). */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const initial = opts.initialMs ?? BACKOFF_INITIAL_MS;
  const max = opts.maxMs ?? BACKOFF_MAX_MS;
  const jitter = Math.min(1, Math.max(0, opts.jitter ?? 0.2));
  const random = opts.random ?? Math.random;
  const base = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return Math.round(base * (1 - jitter * random()));
}
