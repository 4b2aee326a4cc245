// The wire-protocol choice (docs/port-forward.md, What KubeDesk speaks), against scripted
// apiservers on real sockets that offer only some of the protocols, as kubectl's fallback dialer
// (client-go/tools/portforward/fallback_dialer.go) meets older apiservers.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkPool } from '../../../../../electron/core/forward/spdy/link-pool.ts';
import { TunnelError } from '../../../../../electron/core/forward/tunnel-open.ts';
import { fakeClusterConnection } from '../../../../fakes/fake-cluster-connection.ts';
import { startUpgradeServer } from '../../../../support/upgrade-server.ts';

type Offer = 'spdy-websocket' | 'spdy';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An apiserver answering `offers` with 101 and everything else with `refusal`; records what was asked. */
async function apiserver(offers: Offer[], refusal = 400): Promise<{ url: string; asked: string[] }> {
  const asked: string[] = [];
  const url = await startUpgradeServer(cleanups, (req, socket) => {
    const kind: Offer = req.headers.upgrade?.toLowerCase() === 'websocket' ? 'spdy-websocket' : 'spdy';
    asked.push(`${req.method} ${kind}`);
    if (!offers.includes(kind)) {
      const body = JSON.stringify({ kind: 'Status', message: `no ${kind} here` });
      socket.end(`HTTP/1.1 ${refusal} Refused\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      return;
    }
    const head =
      kind === 'spdy'
        ? ['Upgrade: SPDY/3.1', 'X-Stream-Protocol-Version: portforward.k8s.io']
        : [
            'Upgrade: websocket',
            `Sec-WebSocket-Accept: ${createHash('sha1')
              .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
              .digest('base64')}`,
            `Sec-WebSocket-Protocol: ${req.headers['sec-websocket-protocol']}`,
          ];
    socket.write(['HTTP/1.1 101 Switching Protocols', 'Connection: Upgrade', ...head, '', ''].join('\r\n'));
  });
  return { url, asked };
}

function poolFor(url: string): LinkPool {
  const conn = fakeClusterConnection(url);
  const pool = new LinkPool(() => ({ conn, namespace: 'ns', pod: 'p' }));
  cleanups.push(() => {
    pool.dispose();
    conn.dispose();
  });
  return pool;
}

describe('LinkPool picks the wire protocol as kubectl does', () => {
  it('takes SPDY over WebSocket when offered, with one connection for every caller', async () => {
    const api = await apiserver(['spdy-websocket', 'spdy']);
    const pool = poolFor(api.url);
    const [a, b] = await Promise.all([pool.link('p'), pool.link('p')]);
    expect(a).toBeDefined();
    expect(a).toBe(b);
    expect(pool.transport).toBe('spdy-websocket');
    expect(api.asked).toEqual(['GET spdy-websocket']);
  });

  it('falls back to the plain SPDY upgrade when the tunnel is refused', async () => {
    const api = await apiserver(['spdy']);
    const pool = poolFor(api.url);
    expect((await pool.link('p'))?.transport).toBe('spdy');
    expect(pool.transport).toBe('spdy');
    expect(api.asked).toEqual(['GET spdy-websocket', 'POST spdy']);
  });

  it('falls back to v4 WebSocket channels when both are refused, and keeps trying SPDY until v4 has worked', async () => {
    const api = await apiserver([]);
    const pool = poolFor(api.url);
    expect(await pool.link('p')).toBeUndefined();
    expect(pool.transport).toBeUndefined();
    expect(await pool.link('p')).toBeUndefined();
    expect(api.asked).toEqual(['GET spdy-websocket', 'POST spdy', 'GET spdy-websocket', 'POST spdy']);
    pool.v4Worked();
    expect(await pool.link('p')).toBeUndefined();
    expect(pool.transport).toBe('websocket-v4');
    expect(api.asked).toHaveLength(4);
  });

  it('once a protocol worked, keeps it: a refusal is then the answer, not a reason to switch', async () => {
    const api = await apiserver(['spdy'], 404);
    const pool = poolFor(api.url);
    const link = (await pool.link('p'))!;
    link.close();
    const asked = api.asked.length;
    const other = await apiserver([], 404);
    const conn = fakeClusterConnection(other.url);
    cleanups.push(() => conn.dispose());
    // The same pool, its protocol chosen, now meets a 404 (the pod is gone).
    const moved = new LinkPool(() => ({ conn, namespace: 'ns', pod: 'p' }), ['spdy']);
    cleanups.push(() => moved.dispose());
    const err = await moved.link('p').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TunnelError);
    expect((err as TunnelError).kind).toBe('pod-gone');
    expect((err as TunnelError).message).toBe('no spdy here');
    expect(api.asked).toHaveLength(asked);
  });

  it('does not fall back when the apiserver cannot be reached at all', async () => {
    const api = await apiserver([]);
    const port = new URL(api.url).port;
    for (const c of cleanups.splice(0).reverse()) await c();
    const pool = poolFor(`http://127.0.0.1:${port}`);
    const err = await pool.link('p').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TunnelError);
    expect((err as TunnelError).kind).toBe('unreachable');
    expect(api.asked).toEqual([]);
  });
});
