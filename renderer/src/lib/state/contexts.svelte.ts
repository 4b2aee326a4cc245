import type { ContextSummary, IpcError, KubeDeskClient, SourceProblem } from '../../../../electron/shared/ipc-contract.ts';

/** The contexts view's state: loaded through the contract, kept live by `contexts:changed`. */
export class ContextsState {
  items = $state.raw<ContextSummary[]>([]);
  problems = $state.raw<SourceProblem[]>([]);
  files = $state.raw<string[]>([]);
  error = $state<IpcError | null>(null);
  loading = $state(true);
  current = $derived(this.items.find((c) => c.current) ?? null);
  #client: KubeDeskClient;

  constructor(client: KubeDeskClient) {
    this.#client = client;
  }

  async refresh(): Promise<void> {
    const r = await this.#client.invoke('contexts:list', undefined);
    this.loading = false;
    if (r.ok) {
      this.items = r.value.contexts;
      this.problems = r.value.problems;
      this.files = r.value.files;
      this.error = null;
    } else {
      this.error = r.error;
    }
  }

  /** Follows live changes; returns the unsubscribe (for an `$effect`). */
  follow(): () => void {
    return this.#client.on('contexts:changed', (snap) => {
      this.items = snap.contexts;
      this.problems = snap.problems;
      this.files = snap.files;
      this.error = null;
    });
  }
}
