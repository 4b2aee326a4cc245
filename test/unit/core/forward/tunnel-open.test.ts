import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { generateMask, openTunnel, portForwardUrl, TunnelError } from '../../../../electron/core/forward/tunnel-open.ts';
import { fakeClusterConnection } from '../../../fakes/fake-cluster-connection.ts';
import { startFakePortForwardServer, type FakePortForwardServer, type Route } from '../../../fakes/fake-portforward-server.ts';
import { startEchoBackend, type TcpBackend } from '../../../fakes/tcp-backends.ts';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function setup(route: (pod: string, port: number) => Route): Promise<{ api: FakePortForwardServer; echo: TcpBackend }> {
  const echo = await startEchoBackend();
  const api = await startFakePortForwardServer(route);
  cleanup.push(
    () => echo.dispose(),
    () => api.dispose(),
  );
  return { api, echo };
}

async function failure(p: Promise<unknown>): Promise<TunnelError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TunnelError);
    return err as TunnelError;
  }
  throw new Error('expected a TunnelError');
}

describe('openTunnel (docs/port-forward.md, protocol A)', () => {
  it('asks for ?ports=R with subprotocol v4.channel.k8s.io and the credentials (conformance 37)', async () => {
    let echoPort = 0;
    const { api, echo } = await setup(() => ({ backend: echoPort }));
    echoPort = echo.port;
    const conn = fakeClusterConnection(api.url);
    cleanup.push(() => conn.dispose());
    const ws = await openTunnel({ conn, namespace: 'shop', pod: 'web-1' }, [80]);
    expect(ws.protocol).toBe('v4.channel.k8s.io');
    ws.terminate();
    expect(api.requests[0]).toMatchObject({
      namespace: 'shop',
      pod: 'web-1',
      ports: [80],
      protocols: ['v4.channel.k8s.io'],
      authorization: 'Bearer fake-token',
    });
  });

  it('keeps the server URL path and puts one ports= per port in order', () => {
    const conn = fakeClusterConnection('https://h:6443/k8s/clusters/c1');
    cleanup.push(() => conn.dispose());
    expect(portForwardUrl({ conn, namespace: 'd', pod: 'p' }, [80, 443]).href).toBe(
      'wss://h:6443/k8s/clusters/c1/api/v1/namespaces/d/pods/p/portforward?ports=80&ports=443',
    );
  });

  it('a 404 means the pod is gone (docs/port-forward.md, Pod loss), with the Status message', async () => {
    const { api } = await setup(() => ({ status: 404, message: 'pods "web-1" not found' }));
    const conn = fakeClusterConnection(api.url);
    cleanup.push(() => conn.dispose());
    const err = await failure(openTunnel({ conn, namespace: 'shop', pod: 'web-1' }, [80]));
    expect(err).toMatchObject({ kind: 'pod-gone', status: 404, message: 'pods "web-1" not found' });
  });

  it('a 400 (pod not running) is also a lost pod; 403 is denied', async () => {
    let status = 400;
    const { api } = await setup(() => ({ status, message: 'pod web-1 is not running' }));
    const conn = fakeClusterConnection(api.url);
    cleanup.push(() => conn.dispose());
    expect((await failure(openTunnel({ conn, namespace: 'shop', pod: 'web-1' }, [80]))).kind).toBe('pod-gone');
    status = 403;
    expect((await failure(openTunnel({ conn, namespace: 'shop', pod: 'web-1' }, [80]))).kind).toBe('denied');
  });

  it('a 401 refreshes the credentials once and retries', async () => {
    let token = 'old';
    const { api, echo } = await setup(() => ({ backend: 0 }));
    const conn = fakeClusterConnection(api.url, { token: () => token });
    cleanup.push(() => conn.dispose());
    api.requests.length = 0;
    const api2 = await startFakePortForwardServer((_pod, _port, req) =>
      req.authorization === 'Bearer new' ? { backend: echo.port } : { status: 401, message: 'Unauthorized' },
    );
    cleanup.push(() => api2.dispose());
    const conn2 = fakeClusterConnection(api2.url, { token: () => token });
    cleanup.push(() => conn2.dispose());
    const orig = conn2.invalidate;
    conn2.invalidate = () => {
      orig();
      token = 'new';
    };
    const ws = await openTunnel({ conn: conn2, namespace: 'd', pod: 'p' }, [80]);
    ws.terminate();
    expect(conn2.invalidations).toBe(1);
    expect(api2.requests.map((r) => r.authorization)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('a refused apiserver connection is unreachable', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const conn = fakeClusterConnection(`http://127.0.0.1:${port}`);
    cleanup.push(() => conn.dispose());
    const err = await failure(openTunnel({ conn, namespace: 'd', pod: 'p' }, [80]));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it("masks with random keys that are never all zeros (ws would then send the caller's buffer uncopied)", () => {
    const seen = new Set<string>();
    const m = Buffer.alloc(4);
    for (let i = 0; i < 10_000; i++) {
      generateMask(m);
      expect(m.readUInt32LE(0)).not.toBe(0);
      seen.add(m.toString('hex'));
    }
    expect(seen.size).toBeGreaterThan(9_900);
  });

  it('an aborted signal cancels the handshake', async () => {
    const { api } = await setup(() => ({ backend: 1 }));
    const conn = fakeClusterConnection(api.url);
    cleanup.push(() => conn.dispose());
    const err = await failure(openTunnel({ conn, namespace: 'd', pod: 'p' }, [80], AbortSignal.abort()));
    expect(err.kind).toBe('cancelled');
  });
});
