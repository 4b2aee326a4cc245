import type { IpcError, Result } from '../../../../electron/shared/ipc-contract.ts';

export interface ListStateOptions<T> {
  /** The key of an item: rows are upserted, removed and marked busy by it. */
  idOf: (item: T) => string;
  /** Loads the whole list (`refresh`). */
  load: () => Promise<Result<T[]>>;
  /** Keeps the items in this order after each upsert; without it new items go last. */
  order?: (a: T, b: T) => number;
}

/**
 * What every list view keeps: the items, the last error, whether the first load is still
 * running, and the ids with a request in flight (their buttons are disabled meanwhile).
 * View states (forwards, proxies) extend it with their own calls.
 */
export class ListState<T> {
  items = $state.raw<T[]>([]);
  error = $state<IpcError | null>(null);
  loading = $state(true);
  /** Ids with a request in flight. */
  busy = $state.raw<readonly string[]>([]);
  readonly #idOf: (item: T) => string;
  readonly #load: () => Promise<Result<T[]>>;
  readonly #order: ((a: T, b: T) => number) | undefined;

  constructor(options: ListStateOptions<T>) {
    this.#idOf = options.idOf;
    this.#load = options.load;
    this.#order = options.order;
  }

  async refresh(): Promise<void> {
    const r = await this.#load();
    this.loading = false;
    if (r.ok) this.items = this.#order ? [...r.value].sort(this.#order) : r.value;
    this.error = r.ok ? null : r.error;
  }

  /** The item with this id, if listed. */
  get(id: string): T | undefined {
    return this.items.find((item) => this.#idOf(item) === id);
  }

  /** Replaces the item with the same id in place, or adds it. */
  upsert(item: T): void {
    const id = this.#idOf(item);
    const known = this.items.some((x) => this.#idOf(x) === id);
    const next = known ? this.items.map((x) => (this.#idOf(x) === id ? item : x)) : [...this.items, item];
    this.items = this.#order ? next.sort(this.#order) : next;
  }

  remove(id: string): void {
    this.items = this.items.filter((x) => this.#idOf(x) !== id);
  }

  isBusy(id: string): boolean {
    return this.busy.includes(id);
  }

  /** Runs `call` with `id` marked busy, then records its error (or clears the last one). */
  async track<R>(id: string, call: () => Promise<Result<R>>): Promise<Result<R>> {
    this.busy = [...this.busy, id];
    try {
      return this.settle(await call());
    } finally {
      this.busy = this.busy.filter((x) => x !== id);
    }
  }

  /** Records a result's error, or clears the last one when it succeeded; returns the result. */
  settle<R>(r: Result<R>): Result<R> {
    this.error = r.ok ? null : r.error;
    return r;
  }
}
