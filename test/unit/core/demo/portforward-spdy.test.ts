// The demo's SPDY port-forward server on real sockets: the pod's bytes go out as data frames built
// in place (the backend reads land behind room for the frame head), and a connection that stops
// draining pauses the backend once it holds 1 MiB, not on every 64 KiB write.
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { SpdyPortForward } from '../../../../electron/core/demo/portforward-spdy.ts';
import type { ForwardTarget } from '../../../../electron/core/demo/portforward-target.ts';
import { FrameParser } from '../../../../electron/core/demo/spdy-framer.ts';
import { openPortForwardStreams, socketPair } from '../../../support/socket-pair.ts';

const MIB = 1024 * 1024;

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function listen(onSocket: (s: Socket) => void): Promise<Server> {
  const server = createServer(onSocket);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return server;
}

/** A pod whose port 9000 is a backend that writes `payload` and keeps the connection open. */
async function podWriting(payload: Buffer): Promise<{ target: ForwardTarget; written: () => number }> {
  let written = 0;
  const server = await listen((s) => {
    s.on('error', () => {});
    cleanups.push(() => void s.destroy());
    let at = 0;
    const pump = (): void => {
      while (at < payload.length) {
        const piece = payload.subarray(at, at + 64 * 1024);
        at += piece.length;
        written = at;
        if (!s.write(piece)) return void s.once('drain', pump);
      }
    };
    pump();
  });
  const port = (server.address() as AddressInfo).port;
  return {
    target: { namespace: 'ns', pod: 'p', sandbox: 's', resolve: (p) => (p === 9000 ? { host: '127.0.0.1', port } : undefined) },
    written: () => written,
  };
}

describe('demo SPDY port-forward data path', () => {
  it('sends the backend bytes byte-exactly as data frames of at most one 64 KiB read each', async () => {
    const payload = randomBytes(3 * MIB + 123);
    const { target } = await podWriting(payload);
    const [io, client] = await socketPair(cleanups);
    const session = new SpdyPortForward(io, target, { onClose: () => {} });
    cleanups.push(() => session.close());
    const parser = new FrameParser();
    const got: Buffer[] = [];
    let size = 0;
    let largest = 0;
    client.on('data', (d: Buffer) => {
      for (const f of parser.push(d)) {
        if (f.control || f.streamId !== 3 || f.data.length === 0) continue;
        got.push(Buffer.from(f.data));
        size += f.data.length;
        largest = Math.max(largest, f.data.length);
      }
    });
    openPortForwardStreams(client);
    for (let i = 0; i < 500 && size < payload.length; i++) await sleep(10);
    expect(Buffer.concat(got).equals(payload)).toBe(true);
    expect(largest).toBeLessThanOrEqual(64 * 1024);
  });

  it('pauses the backend once the connection holds 1 MiB, and delivers everything when it drains', async () => {
    const payload = randomBytes(64 * MIB);
    const pod = await podWriting(payload);
    const [io, client] = await socketPair(cleanups);
    const session = new SpdyPortForward(io, pod.target, { onClose: () => {} });
    cleanups.push(() => session.close());
    client.pause();
    openPortForwardStreams(client);
    // Wait until the backend can write no more: the connection is full and the backend paused.
    let last = -1;
    for (let i = 0; i < 100 && pod.written() !== last; i++) {
      last = pod.written();
      await sleep(100);
    }
    expect(pod.written()).toBeLessThan(payload.length);
    expect(io.writableLength).toBeGreaterThanOrEqual(MIB);
    expect(io.writableLength).toBeLessThan(MIB + 64 * 1024 + 8);
    const parser = new FrameParser();
    let size = 0;
    client.on('data', (d: Buffer) => {
      for (const f of parser.push(d)) if (!f.control && f.streamId === 3) size += f.data.length;
    });
    client.resume();
    for (let i = 0; i < 1000 && size < payload.length; i++) await sleep(10);
    expect(size).toBe(payload.length);
  });
});
