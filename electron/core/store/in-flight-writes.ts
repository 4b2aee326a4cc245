// The writes a store has started and not finished. Its dispose() waits for them, so the last
// state the user saw is on disk when the app quits (and no lock or temp file is left behind), and
// from then on refuses new ones: no write starts after a dispose (docs/architecture.md, Lifetimes).
import { KubeDeskError } from '../errors.ts';
import type { Disposable } from '../lifecycle.ts';

export class InFlightWrites implements Disposable {
  /** One promise per write under way, settling (never rejecting) when it does. */
  #running = new Set<Promise<void>>();
  #closed = false;
  #what: string;
  /** The last write started with runInTurn, settling (never rejecting) when it does. */
  #tail: Promise<void> = Promise.resolve();

  /** `what` names the file (or store) in the error a refused write gets. */
  constructor(what: string) {
    this.#what = what;
  }

  /** Starts `write` now, unless disposed; dispose() waits for it to settle. */
  run<T>(write: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new KubeDeskError('cancelled', `${this.#what}: not changed, KubeDesk is shutting down`));
    const p = (async () => write())(); // a synchronous throw becomes a rejection
    const settled = p.then(
      () => undefined,
      () => undefined,
    );
    this.#running.add(settled);
    void settled.then(() => this.#running.delete(settled));
    return p;
  }

  /**
   * As run(), but `write` starts only once the writes started before it with runInTurn have
   * settled: a file's writes land in the order they were asked for.
   */
  runInTurn<T>(write: () => Promise<T>): Promise<T> {
    return this.run(() => {
      const turn = this.#tail.then(write);
      this.#tail = turn.then(
        () => undefined,
        () => undefined,
      );
      return turn;
    });
  }

  /** Settles once the writes started with runInTurn so far have (never rejects). */
  afterTurns(): Promise<void> {
    return this.#tail;
  }

  async dispose(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#running);
  }
}
