// The command palette's state: the query, the highlighted command, the services it offers (the
// Services view's rows when it has them, else a one-shot `services:watch` of the current context)
// and running the picked command with its progress and result.
import type { ForwardInfo, IpcError, KubeDeskClient, ServiceSummary } from '../../../../../electron/shared/ipc-contract.ts';
import type { ViewId } from '../../state/shell.svelte.ts';
import { fuzzyFilter } from './fuzzy.ts';
import { openSpec } from '../../state/services.svelte.ts';
import { commandText, paletteCommands, type PaletteCommand } from './palette-commands.ts';

export interface PaletteDeps {
  client: KubeDeskClient;
  /** The current context, or null when there is none. */
  context: () => string | null;
  /** Services already watched by the Services view, with their context (empty when it watched none). */
  watched: () => { context: string | null; services: readonly ServiceSummary[] };
  forwards: () => readonly ForwardInfo[];
  go: (view: ViewId) => void;
  /** Opens a URL in a new browser tab (window.open). */
  openUrl: (url: string) => void;
  /** Tells the shell a command finished (its notice line). */
  done: (message: string, url?: string) => void;
  mod: string;
}

const SHOWN = 50;

export class PaletteState {
  query = $state('');
  selected = $state(0);
  services = $state.raw<ServiceSummary[]>([]);
  servicesContext = $state<string | null>(null);
  loadingServices = $state(false);
  /** The command running now (its title), for the progress line. */
  running = $state<string | null>(null);
  error = $state<IpcError | null>(null);
  commands = $derived.by(() => {
    const all = paletteCommands({
      mod: this.#deps.mod,
      context: this.servicesContext,
      services: this.services,
      forwards: this.#deps.forwards(),
    });
    return fuzzyFilter(all, this.query, commandText, SHOWN);
  });
  readonly #deps: PaletteDeps;

  constructor(deps: PaletteDeps) {
    this.#deps = deps;
  }

  /** Called when the palette opens: resets the query and loads the services to offer. */
  async reset(): Promise<void> {
    this.query = '';
    this.selected = 0;
    this.error = null;
    this.running = null;
    await this.loadServices();
  }

  async loadServices(): Promise<void> {
    const watched = this.#deps.watched();
    if (watched.services.length > 0 && watched.context !== null) {
      this.services = [...watched.services];
      this.servicesContext = watched.context;
      return;
    }
    const context = this.#deps.context();
    if (context === null) return;
    this.loadingServices = true;
    const r = await this.#deps.client.invoke('services:watch', { context, namespace: null });
    this.loadingServices = false;
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    // One look is enough for the palette: stop the watch at once.
    void this.#deps.client.invoke('services:unwatch', { watchId: r.value.watchId });
    this.services = r.value.items;
    this.servicesContext = context;
  }

  setQuery(q: string): void {
    this.query = q;
    this.selected = 0;
  }

  /** Moves the highlight by `delta`, wrapping at both ends. */
  move(delta: number): void {
    const n = this.commands.length;
    if (n > 0) this.selected = (((this.selected + delta) % n) + n) % n;
  }

  /** Runs `cmd` (default: the highlighted one); true when it succeeded (the palette then closes). */
  async run(cmd: PaletteCommand | undefined = this.commands[this.selected]): Promise<boolean> {
    if (!cmd || this.running !== null) return false;
    this.error = null;
    if (cmd.kind === 'view') {
      this.#deps.go(cmd.view);
      return true;
    }
    this.running =
      cmd.kind === 'service' ? `Opening ${cmd.service.namespace}/${cmd.service.name}…` : `${cmd.title.replace(/^Start /, 'Starting ')}…`;
    try {
      if (cmd.kind === 'service') {
        const s = cmd.service;
        const r = await this.#deps.client.invoke('services:open', { context: cmd.context, namespace: s.namespace, service: openSpec(s) });
        if (!r.ok) return this.#fail(r.error);
        this.#deps.openUrl(r.value.url);
        this.#deps.done(`Opened ${s.namespace}/${s.name} at ${r.value.url}`, r.value.url);
        return true;
      }
      const r = await this.#deps.client.invoke('forward:start', { id: cmd.forwardId });
      if (!r.ok) return this.#fail(r.error);
      const url = r.value.bindings[0]?.url;
      this.#deps.done(`Forward ${r.value.spec.target} is ${r.value.state}${url ? ` on ${url}` : ''}`, url);
      return true;
    } finally {
      this.running = null;
    }
  }

  #fail(error: IpcError): false {
    this.error = error;
    return false;
  }
}
