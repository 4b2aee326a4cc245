// A gateway relaying to a port-forward (gateway-forward-relay.ts, docs/service-gateway.md, Through a
// port-forward) with a real HTTP server standing in for the forward's local port (the demo's pods
// have no WebSocket): a 101 spliced both ways with the gateway's Host, and the forward's failure
// as a 502 that says why, for plain requests and upgrades alike.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { silentLogger } from '../../../../../electron/core/log.ts';
import type { GatewayForward } from '../../../../../electron/core/services/gateway/gateway-forwards.ts';
import { startGatewayServer, type GatewayServer } from '../../../../../electron/core/services/gateway/gateway-server.ts';
import { fakeClusterConnection } from '../../../../fakes/fake-cluster-connection.ts';
import { probe, rawRequest, rawUpgrade, readBytes } from '../../../../support/http-probe.ts';

interface Pod {
  port: number;
  upgrades: IncomingMessage[];
  close(): Promise<void>;
}

/** An HTTP server that takes WebSocket-style upgrades and echoes what follows. */
async function startPod(): Promise<Pod> {
  const upgrades: IncomingMessage[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.end('plain\n'));
  server.on('connection', (s: Socket) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    upgrades.push(req);
    socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pod: Pod = {
    port: (server.address() as AddressInfo).port,
    upgrades,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  onTestFinished(() => pod.close());
  return pod;
}

async function gatewayTo(port: number, trouble: () => string | undefined = () => undefined): Promise<GatewayServer> {
  const forward: GatewayForward = { host: '127.0.0.1', port, trouble, stop: async () => {} };
  const conn = fakeClusterConnection('http://127.0.0.1:9');
  const g = await startGatewayServer({
    conn,
    log: silentLogger,
    service: { namespace: 'shop', name: 'chat', port: 'http', number: 80, prefix: '/api/v1/namespaces/shop/services/chat:http/proxy' },
    forward,
    port: 0,
    idleTimeoutMs: 0,
    onIdle: () => {},
    onStats: () => {},
  });
  onTestFinished(async () => {
    await g.dispose();
    conn.dispose();
  });
  return g;
}

const upgradeRequest = (port: number, path: string): string =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nAuthorization: Bearer planted\r\n` +
  'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';

describe('relaying to a port-forward (docs/service-gateway.md, Through a port-forward)', () => {
  it("splices a WebSocket upgrade both ways, with the gateway's Host and a cleaned path, no Authorization", async () => {
    const pod = await startPod();
    const g = await gatewayTo(pod.port);
    const { socket, head, rest } = await rawUpgrade(g.port, upgradeRequest(g.port, '/x/../ws?room=1'));
    onTestFinished(() => void socket.destroy());
    expect(head.status).toBe(101);
    socket.write('hello');
    expect((await readBytes(socket, 5, rest)).toString()).toBe('hello');
    expect(pod.upgrades).toHaveLength(1);
    expect(pod.upgrades[0]!.url).toBe('/ws?room=1');
    expect(pod.upgrades[0]!.headers['host']).toBe(`127.0.0.1:${g.port}`);
    expect(pod.upgrades[0]!.headers['authorization']).toBeUndefined();
    expect(g.stats()).toMatchObject({ requests: 1, active: 1 });
    socket.destroy();
    await vi.waitFor(() => expect(g.stats().active).toBe(0), { timeout: 2_000 });
  });

  it('a forward that does not answer: 502 with why (its state, else the connect error), plain or upgrade', async () => {
    const pod = await startPod();
    await pod.close();
    let why: string | undefined = 'it is reconnecting: waiting for pod chat-1 to be Running';
    const g = await gatewayTo(pod.port, () => why);
    const r = await probe(g.port, '/');
    expect(r.status).toBe(502);
    expect(r.body).toBe('port-forward for service "shop/chat" port 80 failed: it is reconnecting: waiting for pod chat-1 to be Running\n');
    why = undefined;
    const up = await rawRequest(g.port, upgradeRequest(g.port, '/ws'));
    expect(up.status).toBe(502);
    expect(up.body).toBe(`port-forward for service "shop/chat" port 80 failed: connect ECONNREFUSED 127.0.0.1:${pod.port}\n`);
    expect(g.stats()).toMatchObject({ requests: 2, active: 0 });
  });
});
