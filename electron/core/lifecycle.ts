// Lifetimes (docs/architecture.md, Lifetimes): whatever owns a resource is a Disposable; owners dispose children in
// reverse order; dispose() is idempotent.

export interface Disposable {
  dispose(): void | Promise<void>;
}

export class DisposableStore implements Disposable {
  #items: Disposable[] = [];
  #disposed = false;

  get isDisposed(): boolean {
    return this.#disposed;
  }

  add<T extends Disposable>(item: T): T {
    if (this.#disposed) {
      void item.dispose();
      throw new Error('DisposableStore is already disposed');
    }
    this.#items.push(item);
    return item;
  }

  /** Adds a plain callback as a disposable. */
  defer(fn: () => void | Promise<void>): void {
    this.add({ dispose: fn });
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    const items = this.#items.reverse();
    this.#items = [];
    const errors: unknown[] = [];
    for (const item of items) {
      try {
        await item.dispose();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'dispose failed');
  }
}

export function toDisposable(fn: () => void | Promise<void>): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      return fn();
    },
  };
}
