// The demo's port-forward servers and a pod that reads slowly (backend-hold.ts): on SPDY and on v4
// WebSockets the demo stops reading the client while the pod's socket is full, so what it holds
// stays bounded by socket buffers however much the client pushes; once the pod reads, every byte
// arrives, in order. Real sockets and a real WebSocket throughout.
import { createHash, randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { SpdyPortForward } from '../../../../electron/core/demo/portforward-spdy.ts';
import type { ForwardTarget } from '../../../../electron/core/demo/portforward-target.ts';
import { V4_BINARY, WebSocketPortForward } from '../../../../electron/core/demo/portforward-websocket.ts';
import { dataFrame } from '../../../../electron/core/demo/spdy-framer.ts';
import { openPortForwardStreams, socketPair } from '../../../support/socket-pair.ts';

const MIB = 1024 * 1024;
const TOTAL = 64 * MIB;
/** Loopback socket buffers (client send, demo receive, demo→pod send, pod receive) hold a few MiB each. */
const BOUND = 24 * MIB;

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return (server.address() as AddressInfo).port;
}

/** A pod whose port 9000 accepts and reads nothing until `read()`; then it hashes what arrives. */
async function slowPod(): Promise<{ target: ForwardTarget; read(): void; received(): number; digest(): string }> {
  let socket: Socket | undefined;
  let received = 0;
  const hash = createHash('sha256');
  const server = createServer((s) => {
    socket = s;
    s.pause();
    s.on('data', (d: Buffer) => {
      received += d.length;
      hash.update(d);
    });
    s.on('error', () => {});
    cleanups.push(() => void s.destroy());
  });
  const port = await listen(server);
  return {
    target: { namespace: 'ns', pod: 'p', sandbox: 's', resolve: (p) => (p === 9000 ? { host: '127.0.0.1', port } : undefined) },
    read: () => socket?.resume(),
    received: () => received,
    digest: () => hash.digest('hex'),
  };
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Waits until `value()` has stayed the same for 300 ms (or 10 s passed). */
async function settle(value: () => number): Promise<void> {
  let last = -1;
  for (let i = 0; i < 100 && value() !== last; i++) {
    last = value();
    await sleep(300);
  }
}

it('SPDY: a pod that does not read holds the client back; then every byte arrives', async () => {
  const pod = await slowPod();
  const [io, client] = await socketPair(cleanups);
  const session = new SpdyPortForward(io, pod.target, { onClose: () => {} });
  cleanups.push(() => session.close());
  client.resume(); // the replies are not looked at
  openPortForwardStreams(client);
  const payload = randomBytes(TOTAL);
  for (let at = 0; at < TOTAL; at += 64 * 1024) client.write(dataFrame(3, payload.subarray(at, at + 64 * 1024), false));
  // What the kernel took from the client is what the demo read, plus socket buffers.
  await settle(() => client.writableLength);
  expect(TOTAL - client.writableLength).toBeLessThan(BOUND);
  pod.read();
  await settle(() => pod.received());
  expect(pod.received()).toBe(TOTAL);
  expect(pod.digest()).toBe(sha256(payload));
});

it('v4 WebSocket: a pod that does not read holds the client back; then every byte arrives', async () => {
  const pod = await slowPod();
  const http = createHttpServer();
  const wss = new WebSocketServer({ server: http, handleProtocols: () => V4_BINARY });
  wss.on('connection', (ws) => {
    const session = new WebSocketPortForward(ws, pod.target, [9000], V4_BINARY, () => {});
    cleanups.push(() => session.abort('test over'));
  });
  cleanups.push(() => wss.close());
  const port = await listen(http);
  const client = new WebSocket(`ws://127.0.0.1:${port}/`, V4_BINARY);
  cleanups.push(() => client.terminate());
  await new Promise<void>((r) => client.once('open', () => r()));
  const payload = randomBytes(TOTAL);
  for (let at = 0; at < TOTAL; at += 256 * 1024) client.send(Buffer.concat([Buffer.from([0]), payload.subarray(at, at + 256 * 1024)]));
  await settle(() => client.bufferedAmount);
  // Every message carries one channel byte besides its payload.
  expect(TOTAL + TOTAL / (256 * 1024) - client.bufferedAmount).toBeLessThan(BOUND);
  pod.read();
  await settle(() => pod.received());
  expect(pod.received()).toBe(TOTAL);
  expect(pod.digest()).toBe(sha256(payload));
});
