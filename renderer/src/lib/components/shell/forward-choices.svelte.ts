// The New forward form's live data: one look at the context's services (a one-shot
// `services:watch`, stopped at once) and, per namespace, `services:detail` of its services for
// the pods behind them. Choices are suggestions: the form still takes any free text.
import type { IpcError, KubeDeskClient, ServiceDetail, ServiceSummary } from '../../../../../electron/shared/ipc-contract.ts';
import { namespaceOptions, portOptions, targetOptions, type PickOption } from './forward-choices.ts';

/** How many services' pods are looked up per namespace (each is one `services:detail`). */
const DETAIL_LIMIT = 40;

export class ForwardChoices {
  context = $state<string | null>(null);
  services = $state.raw<ServiceSummary[]>([]);
  details = $state.raw<ServiceDetail[]>([]);
  loading = $state(false);
  error = $state<IpcError | null>(null);
  namespaces = $derived(namespaceOptions(this.services));
  #client: KubeDeskClient;
  /** Namespaces whose pods were looked up (a plain list: no template reads it). */
  #detailsFor: string[] = [];
  #generation = 0;

  constructor(client: KubeDeskClient) {
    this.#client = client;
  }

  targets(namespace: string): PickOption[] {
    return targetOptions(this.services, this.details, namespace);
  }

  ports(namespace: string, target: string): PickOption[] {
    return portOptions(this.services, this.details, namespace, target);
  }

  /** Loads `context`'s services (once per context) and the pods behind `namespace`'s services. */
  async load(context: string, namespace: string): Promise<void> {
    if (context !== this.context) {
      const generation = ++this.#generation;
      this.context = context;
      this.services = [];
      this.details = [];
      this.#detailsFor = [];
      this.loading = true;
      const r = await this.#client.invoke('services:watch', { context, namespace: null });
      if (generation !== this.#generation) {
        if (r.ok) void this.#client.invoke('services:unwatch', { watchId: r.value.watchId });
        return;
      }
      this.loading = false;
      this.error = r.ok ? null : r.error;
      if (!r.ok) return;
      void this.#client.invoke('services:unwatch', { watchId: r.value.watchId });
      this.services = r.value.items;
    }
    // Still listing (a call made meanwhile): the pods wait for the services (the form asks again).
    if (this.loading) return;
    await this.#loadPods(context, namespace);
  }

  async #loadPods(context: string, namespace: string): Promise<void> {
    if (namespace === '' || this.#detailsFor.includes(namespace)) return;
    this.#detailsFor.push(namespace);
    const generation = this.#generation;
    const wanted = this.services.filter((s) => s.namespace === namespace && s.selector !== null).slice(0, DETAIL_LIMIT);
    const got = await Promise.all(wanted.map((s) => this.#client.invoke('services:detail', { context, namespace, name: s.name })));
    if (generation !== this.#generation) return;
    this.details = [...this.details, ...got.flatMap((r) => (r.ok ? [r.value] : []))];
  }
}
