// Carries out `kubedesk://` links (deep-link.ts). Links can come before the core exists (the link
// that launched the app, macOS's `open-url` before `ready`): they wait until attach().
import type { Logger } from '../core/log.ts';
import type { Result } from '../shared/ipc-contract.ts';
import { parseDeepLink, type LinkView } from './deep-link.ts';

export interface DeepLinkTargets {
  /** Shows the window on VIEW (creating it if needed). */
  showView(view: LinkView): void;
  /** `forward:start` through the same dispatch as IPC (validation, errors as values). */
  startForward(id: string): Promise<Result<unknown>>;
  notify(title: string, body: string): void;
}

export class DeepLinkRouter {
  readonly #log: Logger;
  #targets: DeepLinkTargets | undefined;
  #pending: string[] = [];

  constructor(log: Logger) {
    this.#log = log;
  }

  /** Handles a link now, or once attach() runs. */
  open(raw: string): void {
    if (this.#targets) void this.#handle(this.#targets, raw);
    else this.#pending.push(raw);
  }

  attach(targets: DeepLinkTargets): void {
    this.#targets = targets;
    for (const raw of this.#pending.splice(0)) void this.#handle(targets, raw);
  }

  async #handle(t: DeepLinkTargets, raw: string): Promise<void> {
    const link = parseDeepLink(raw);
    if (!link) {
      // Not the URL itself: a link is whatever a web page put there.
      this.#log.warn('link not understood', { length: raw.length });
      t.notify('Link not understood', 'KubeDesk opens kubedesk://view/NAME and kubedesk://forward/start?id=ID links.');
      return;
    }
    if (link.kind === 'view') return t.showView(link.view);
    t.showView('forwards');
    const r = await t.startForward(link.id);
    if (!r.ok) t.notify('Forward not started', r.error.message);
  }
}
