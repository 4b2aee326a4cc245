import { describe, expect, it } from 'vitest';
import { ForwardNotifier } from '../../../electron/main/forward-notifications.ts';
import type { ForwardInfo } from '../../../electron/shared/contract/forward.ts';

function info(state: ForwardInfo['state'], extra: Partial<ForwardInfo> = {}): ForwardInfo {
  return {
    id: 'f1',
    spec: {
      context: 'demo',
      namespace: 'shop',
      target: 'svc/web',
      ports: ['8080:80'],
      addresses: ['localhost'],
      spread: false,
      autostart: true,
    },
    state,
    since: '2026-01-01T00:00:00Z',
    pod: null,
    pods: [],
    bindings: [],
    stats: { connectionsOpen: 0, connectionsTotal: 0, bytesIn: 0, bytesOut: 0 },
    served: [],
    lastError: null,
    ...extra,
  };
}

/** The titles a sequence of states produces (null: no notification). */
function titles(states: ForwardInfo[]): Array<string | null> {
  const n = new ForwardNotifier();
  return states.map((s) => n.next(s)?.title ?? null);
}

const refused = { reason: 'credentials refused (401)', lastError: { code: 'unauthorized' as const, message: 'Unauthorized', at: '' } };

describe('which forward state changes notify', () => {
  it('a normal start, a reconnecting blip and a user stop stay quiet', () => {
    expect(
      titles([info('starting'), info('active'), info('reconnecting', { reason: 'connection reset' }), info('active'), info('stopped')]),
    ).toEqual([null, null, null, null, null]);
  });

  it('a failure notifies once, with its reason, and the recovery after it notifies', () => {
    const n = new ForwardNotifier();
    expect(n.next(info('active'))).toBeNull();
    expect(n.next(info('failed', { reason: 'waiting for pod web-1 to be Running' }))).toEqual({
      title: 'Forward failed',
      body: 'shop/svc/web (demo): waiting for pod web-1 to be Running.',
      forwardId: 'f1',
    });
    expect(n.next(info('failed', { reason: 'still failing' }))).toBeNull();
    expect(n.next(info('reconnecting'))).toBeNull();
    expect(n.next(info('active'))).toMatchObject({ title: 'Forward recovered', body: 'shop/svc/web (demo) is forwarding again.' });
    expect(n.next(info('active'))).toBeNull();
  });

  it('refused credentials get their own notice, whether the forward failed or keeps retrying', () => {
    expect(titles([info('active'), info('reconnecting', refused), info('failed', refused), info('active')])).toEqual([
      null,
      'Credentials refused',
      null,
      'Forward recovered',
    ]);
    expect(titles([info('failed', { reason: 'credentials refused (401)' })])).toEqual(['Credentials refused']);
  });

  it('a failure that turns out to be refused credentials says so', () => {
    expect(titles([info('failed', { reason: 'timed out' }), info('failed', refused)])).toEqual(['Forward failed', 'Credentials refused']);
  });

  it('a stop or a removal after a failure forgets it: the next start does not claim a recovery', () => {
    expect(titles([info('failed'), info('stopped'), info('active')])).toEqual(['Forward failed', null, null]);
    const n = new ForwardNotifier();
    n.next(info('failed'));
    n.forget('f1');
    expect(n.next(info('active'))).toBeNull();
  });
});
