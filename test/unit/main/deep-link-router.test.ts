import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/core/log.ts';
import { DeepLinkRouter, type DeepLinkTargets } from '../../../electron/main/deep-link-router.ts';

function targets(result: Awaited<ReturnType<DeepLinkTargets['startForward']>> = { ok: true, value: {} }): DeepLinkTargets & {
  calls: string[];
} {
  const calls: string[] = [];
  return {
    calls,
    showView: (view) => void calls.push(`view ${view}`),
    startForward: vi.fn(async (id: string) => (calls.push(`start ${id}`), result)),
    notify: (title, body) => void calls.push(`notify ${title}: ${body}`),
  };
}

const flush = (): Promise<void> => new Promise((done) => setImmediate(done));

describe('DeepLinkRouter', () => {
  it('keeps the links that come before the app is ready, then carries them out in order', async () => {
    const router = new DeepLinkRouter(silentLogger);
    router.open('kubedesk://view/services');
    router.open('kubedesk://forward/start?id=f1');
    const t = targets();
    expect(t.calls).toEqual([]);
    router.attach(t);
    await flush();
    expect(t.calls).toEqual(['view services', 'view forwards', 'start f1']);
  });

  it('says when a forward did not start, and when a link is not understood', async () => {
    const router = new DeepLinkRouter(silentLogger);
    const t = targets({ ok: false, error: { code: 'not-found', message: 'no saved forward f9' } });
    router.attach(t);
    router.open('kubedesk://forward/start?id=f9');
    router.open('kubedesk://view/nowhere');
    await flush();
    expect(t.calls).toEqual([
      'view forwards',
      'start f9',
      'notify Link not understood: KubeDesk opens kubedesk://view/NAME and kubedesk://forward/start?id=ID links.',
      'notify Forward not started: no saved forward f9',
    ]);
  });
});
