// One user's exec credential, cached until its expirationTimestamp and dropped after a 401
// (docs/kubeconfig.md, Exec plugins, conformance case 53). Concurrent requests share one plugin run. Connections for
// the same context share one authenticator (connection-provider.ts), so a new connection does
// not re-run the plugin.
import { KubeDeskError } from '../errors.ts';
import { runExecPlugin, type ExecCredential, type ExecDeps, type ExecRun } from './exec-plugin.ts';

export class ExecAuthenticator {
  #run: ExecRun;
  #deps: ExecDeps;
  #now: () => number;
  #cached: ExecCredential | undefined;
  #inflight: Promise<ExecCredential> | undefined;
  #controller = new AbortController();
  /** How many times the plugin ran (for tests and the detail view). */
  runs = 0;

  constructor(run: ExecRun, deps: ExecDeps, now: () => number = Date.now) {
    this.#run = run;
    this.#deps = deps;
    this.#now = now;
  }

  async credential(signal?: AbortSignal): Promise<ExecCredential> {
    const c = this.#cached;
    if (c && (c.expiresAt === undefined || this.#now() < c.expiresAt)) return c;
    if (!this.#inflight) {
      this.runs += 1;
      // The run is shared, so one caller's abort must not fail the others: it runs under the
      // authenticator's own signal (aborted on dispose) and each caller races its own.
      this.#inflight = runExecPlugin(this.#run, this.#deps, this.#controller.signal)
        .then((cred) => {
          this.#cached = cred;
          return cred;
        })
        .finally(() => {
          this.#inflight = undefined;
        });
    }
    return raceSignal(this.#inflight, signal);
  }

  invalidate(): void {
    this.#cached = undefined;
  }

  dispose(): void {
    this.#controller.abort();
    this.#cached = undefined;
  }
}

export function raceSignal<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new KubeDeskError('cancelled', 'cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new KubeDeskError('cancelled', 'cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
