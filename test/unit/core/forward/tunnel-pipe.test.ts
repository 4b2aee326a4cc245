import { afterEach, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { openTunnel } from '../../../../electron/core/forward/tunnel-open.ts';
import { pipeThroughTunnel, type PipeResult } from '../../../../electron/core/forward/tunnel-pipe.ts';
import { fakeClusterConnection } from '../../../fakes/fake-cluster-connection.ts';
import { startFakePortForwardServer, type Route } from '../../../fakes/fake-portforward-server.ts';
import { startEchoBackend, startFirehoseBackend, startStalledBackend } from '../../../fakes/tcp-backends.ts';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

interface Local {
  port: number;
  results: Promise<PipeResult>[];
  accepted: Socket[];
}

/** A local listener that carries each connection through its own tunnel (as a forward does). */
async function localForward(route: (pod: string, port: number) => Route): Promise<Local> {
  const api = await startFakePortForwardServer(route);
  const conn = fakeClusterConnection(api.url);
  const local: Local = { port: 0, results: [], accepted: [] };
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    local.accepted.push(socket);
    local.results.push(openTunnel({ conn, namespace: 'd', pod: 'p' }, [80]).then((ws) => pipeThroughTunnel(socket, ws)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  local.port = (server.address() as AddressInfo).port;
  cleanup.push(
    () => api.dispose(),
    () => conn.dispose(),
    () => new Promise<void>((r) => server.close(() => r())),
    () => local.accepted.forEach((s) => s.destroy()),
  );
  return local;
}

function sha(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** Sends `payload`, reads until as many bytes came back (or the socket ends). */
function roundTrip(port: number, payload: Buffer, end = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    const s = connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () => {
      s.write(payload);
      if (end) s.end();
    });
    s.on('data', (d: Buffer) => {
      chunks.push(d);
      n += d.length;
      if (n >= payload.length) {
        s.destroy();
        resolve(Buffer.concat(chunks));
      }
    });
    s.on('error', reject);
    s.on('end', () => s.destroy());
    s.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

describe('pipeThroughTunnel (docs/port-forward.md, protocol A data path)', () => {
  it('carries bytes both ways unchanged, in order (4 MiB random)', async () => {
    const echo = await startEchoBackend();
    cleanup.push(() => echo.dispose());
    const local = await localForward(() => ({ backend: echo.port }));
    const payload = randomBytes(4 * 1024 * 1024);
    const back = await roundTrip(local.port, payload);
    expect(back.length).toBe(payload.length);
    expect(sha(back)).toBe(sha(payload));
  });

  it('keeps concurrent connections apart: 20 × 1 MiB random, each byte-exact (the frame buffer is shared)', async () => {
    const echo = await startEchoBackend();
    cleanup.push(() => echo.dispose());
    const local = await localForward(() => ({ backend: echo.port }));
    const payloads = Array.from({ length: 20 }, () => randomBytes(1024 * 1024));
    const back = await Promise.all(payloads.map((p) => roundTrip(local.port, p)));
    expect(back.map(sha)).toEqual(payloads.map(sha));
  });

  it('keeps many small writes in order', async () => {
    const echo = await startEchoBackend();
    cleanup.push(() => echo.dispose());
    const local = await localForward(() => ({ backend: echo.port }));
    const parts = Array.from({ length: 2000 }, (_, i) => Buffer.from(`${i};`));
    const expected = Buffer.concat(parts);
    const got = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      let n = 0;
      const s = connect({ host: '127.0.0.1', port: local.port }, () => parts.forEach((p) => s.write(p)));
      s.on('data', (d: Buffer) => {
        chunks.push(d);
        n += d.length;
        if (n >= expected.length) {
          s.destroy();
          resolve(Buffer.concat(chunks));
        }
      });
    });
    expect(got.toString()).toBe(expected.toString());
  });

  it('pauses the local socket while the WebSocket buffer is high (backpressure)', async () => {
    const stalled = await startStalledBackend();
    cleanup.push(() => stalled.dispose());
    const local = await localForward(() => ({ backend: stalled.port }));
    const total = 64 * 1024 * 1024;
    const client = connect({ host: '127.0.0.1', port: local.port });
    cleanup.push(() => client.destroy());
    client.on('error', () => {});
    const chunk = Buffer.alloc(1024 * 1024, 7);
    await new Promise<void>((r) => client.once('connect', () => r()));
    for (let i = 0; i < total / chunk.length; i++) client.write(chunk);
    await sleep(1500);
    // Without backpressure KubeDesk would have read all 64 MiB into the WebSocket's buffer.
    const readByUs = local.accepted[0]!.bytesRead;
    expect(readByUs).toBeLessThan(total / 2);
    // Once the backend reads, everything arrives, nothing lost.
    stalled.release();
    const deadline = Date.now() + 30_000;
    while (stalled.received() < total && Date.now() < deadline) await sleep(50);
    expect(stalled.received()).toBe(total);
  });

  it('pauses the WebSocket while the local client does not read (backpressure, pod → local)', async () => {
    const total = 96 * 1024 * 1024;
    const hose = await startFirehoseBackend(total);
    cleanup.push(() => hose.dispose());
    const local = await localForward(() => ({ backend: hose.port }));
    const client = connect({ host: '127.0.0.1', port: local.port });
    cleanup.push(() => client.destroy());
    client.pause();
    await sleep(1500);
    // Without backpressure the pod side would have pushed everything into our buffers.
    expect(hose.sent()).toBeLessThan(total / 2);
    let got = 0;
    const done = new Promise<void>((r) => client.on('end', () => r()));
    client.on('data', (d: Buffer) => (got += d.length));
    client.resume();
    await done;
    expect(got).toBe(total);
  });

  it('surfaces the error channel for this connection only and closes it (docs/port-forward.md, Pod loss, conformance 38)', async () => {
    const echo = await startEchoBackend();
    cleanup.push(() => echo.dispose());
    let fail = true;
    const local = await localForward(() =>
      fail
        ? { error: 'error forwarding port 80 to pod p, uid : dial tcp4 127.0.0.1:80: connect: connection refused' }
        : { backend: echo.port },
    );
    const first = await roundTrip(local.port, Buffer.from('x'));
    expect(first.length).toBe(0);
    const r = await local.results[0]!;
    expect(r.remoteError).toContain('connection refused');
    fail = false;
    expect((await roundTrip(local.port, Buffer.from('again'))).toString()).toBe('again');
  });

  it('after the client half-closes, the answer still comes back (v4 has no half-close)', async () => {
    const echo = await startEchoBackend();
    cleanup.push(() => echo.dispose());
    const local = await localForward(() => ({ backend: echo.port }));
    const back = await roundTrip(local.port, Buffer.from('hello, then FIN'), true);
    expect(back.toString()).toBe('hello, then FIN');
  });

  it('closes the local connection when the pod side ends, after its last bytes', async () => {
    const server = createServer((s) => s.end('bye'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
    const local = await localForward(() => ({ backend: (server.address() as AddressInfo).port }));
    const got = await new Promise<string>((resolve) => {
      let text = '';
      const s = connect({ host: '127.0.0.1', port: local.port });
      s.on('data', (d: Buffer) => (text += d.toString()));
      s.on('close', () => resolve(text));
    });
    expect(got).toBe('bye');
    const r = await local.results[0]!;
    expect(r).toMatchObject({ remoteError: undefined, abnormal: false, bytesIn: 3 });
  });

  it('reports an abnormal close when the apiserver drops the WebSocket', async () => {
    const echo = await startEchoBackend();
    cleanup.push(() => echo.dispose());
    const api = await startFakePortForwardServer(() => ({ backend: echo.port }));
    const conn = fakeClusterConnection(api.url);
    cleanup.push(
      () => api.dispose(),
      () => conn.dispose(),
    );
    const server = createServer({ allowHalfOpen: true });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
    const accepted = new Promise<Socket>((r) => server.once('connection', r));
    const client = connect({ host: '127.0.0.1', port: (server.address() as AddressInfo).port });
    client.on('error', () => {});
    cleanup.push(() => client.destroy());
    const socket = await accepted;
    const ws = await openTunnel({ conn, namespace: 'd', pod: 'p' }, [80]);
    const done = pipeThroughTunnel(socket, ws);
    await sleep(50);
    api.dropAll();
    expect((await done).abnormal).toBe(true);
  });
});
