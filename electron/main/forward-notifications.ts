// Which forward state changes become an OS notification (docs/desktop.md, Notifications): a forward
// failed, its credentials were refused, or it recovered after one of those. Reconnecting blips
// (a pod restart, a laptop waking up) stay quiet unless they end in a failure; a stop the user
// asked for never notifies.
import type { ForwardInfo } from '../shared/contract/forward.ts';

export interface Notice {
  title: string;
  body: string;
  forwardId: string;
}

function credentialsRefused(f: ForwardInfo): boolean {
  return f.lastError?.code === 'unauthorized' || /credentials refused/.test(f.reason ?? '');
}

const what = (f: ForwardInfo): string => `${f.spec.namespace}/${f.spec.target} (${f.spec.context})`;

/** Follows `forward:state-changed`; `next` returns the notice a change calls for, if any. */
export class ForwardNotifier {
  /** Forwards whose trouble was announced; only those announce their recovery. */
  readonly #troubled = new Map<string, 'failed' | 'credentials'>();

  next(f: ForwardInfo): Notice | null {
    const announced = this.#troubled.get(f.id);
    if (f.state === 'active') {
      this.#troubled.delete(f.id);
      return announced ? { title: 'Forward recovered', body: `${what(f)} is forwarding again.`, forwardId: f.id } : null;
    }
    if (f.state === 'stopped') {
      this.#troubled.delete(f.id);
      return null;
    }
    if (credentialsRefused(f) && (f.state === 'failed' || f.state === 'reconnecting')) {
      if (announced === 'credentials') return null;
      this.#troubled.set(f.id, 'credentials');
      return {
        title: 'Credentials refused',
        body: `The cluster refused the credentials of ${f.spec.context}; ${what(f)} cannot connect.`,
        forwardId: f.id,
      };
    }
    if (f.state === 'failed') {
      if (announced) return null;
      this.#troubled.set(f.id, 'failed');
      return { title: 'Forward failed', body: `${what(f)}: ${f.reason ?? f.lastError?.message ?? 'failed'}.`, forwardId: f.id };
    }
    return null;
  }

  forget(id: string): void {
    this.#troubled.delete(id);
  }
}
