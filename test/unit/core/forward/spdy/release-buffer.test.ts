// Freeing socket reads once their bytes were written on (release-buffer.ts; docs/port-forward.md,
// Performance): which buffers qualify, and that both pipes free the local reads and the remote
// chunks they wrote, on real sockets, with every byte arriving unchanged.
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ownsItsMemory, releaseBuffer, writesToKernel } from '../../../../../electron/core/http/release-buffer.ts';
import { pipeThroughSpdy } from '../../../../../electron/core/forward/spdy/spdy-pipe.ts';
import { openTunnel } from '../../../../../electron/core/forward/tunnel-open.ts';
import { pipeThroughTunnel } from '../../../../../electron/core/forward/tunnel-pipe.ts';
import { dataFrame } from '../../../../../electron/core/kube/spdy/spdy-frames.ts';
import { fakeClusterConnection } from '../../../../fakes/fake-cluster-connection.ts';
import { socketPair } from '../../../../support/socket-pair.ts';
import { spdyLinkPair } from '../../../../support/spdy-link-pair.ts';
import { startSpdyPeer, startV4Server } from '../../../../support/upgrade-server.ts';

const KIB = 1024;

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !done(); i++) await sleep(10);
}

/** Whether `b`'s memory was freed (its ArrayBuffer detached). */
const freed = (b: Buffer): boolean => (b.buffer as ArrayBuffer & { readonly detached: boolean }).detached;

/** A patterned payload, so a freed or reused buffer would show as changed bytes. */
function pattern(n: number, seed: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) % 251;
  return b;
}

/** Records the buffers `socket` reads (the same objects the pipe is given) and those written to it. */
function watch(socket: Socket): { reads: Buffer[]; writes: Buffer[] } {
  const seen = { reads: [] as Buffer[], writes: [] as Buffer[] };
  socket.on('data', (d: Buffer) => seen.reads.push(d));
  const write = socket._write.bind(socket);
  const writev = socket._writev!.bind(socket);
  socket._write = (chunk: Buffer, enc, cb) => {
    seen.writes.push(chunk);
    write(chunk, enc, cb);
  };
  socket._writev = (chunks, cb) => {
    for (const c of chunks) seen.writes.push(c.chunk as Buffer);
    writev(chunks, cb);
  };
  return seen;
}

describe('ownsItsMemory / releaseBuffer', () => {
  it('takes only a buffer that is the whole of its own ArrayBuffer, and frees it', () => {
    const own = Buffer.allocUnsafeSlow(64 * KIB);
    expect(ownsItsMemory(own)).toBe(true);
    expect(ownsItsMemory(own.subarray(1))).toBe(false);
    expect(ownsItsMemory(Buffer.from('pooled'))).toBe(false); // a slice of Node's shared pool
    releaseBuffer(own);
    expect(own.length).toBe(0);
    expect(ownsItsMemory(own)).toBe(false);
  });

  it('trusts write callbacks only of sockets over an OS connection', async () => {
    const [served] = await socketPair(cleanups);
    expect(writesToKernel(served)).toBe(true);
    expect(writesToKernel({})).toBe(false);
  });
});

/** A SPDY/3.1 port-forward server that answers every pair and echoes the data stream (id 3). */
function spdyEcho(received: Buffer[]): Promise<string> {
  return startSpdyPeer(cleanups, (socket, data) => {
    received.push(Buffer.from(data));
    socket.write(dataFrame(3, data, false));
  });
}

describe('pipeThroughSpdy frees what it wrote', () => {
  it('frees the local reads once sent and the pod chunks once written, bytes unchanged', async () => {
    const received: Buffer[] = [];
    const { link, served, client } = await spdyLinkPair(cleanups, await spdyEcho(received));
    const seen = watch(served);
    void pipeThroughSpdy(served, link, 9000);
    const echoed: Buffer[] = [];
    client.on('data', (d: Buffer) => echoed.push(Buffer.from(d)));
    client.write('x');
    await until(() => Buffer.concat(echoed).length === 1);
    const payload = pattern(2048 * KIB, 5);
    client.write(payload);
    await until(() => Buffer.concat(echoed).length === 1 + payload.length);
    await sleep(20);
    expect(Buffer.concat(received).equals(Buffer.concat([Buffer.from('x'), payload]))).toBe(true);
    expect(Buffer.concat(echoed).equals(Buffer.concat([Buffer.from('x'), payload]))).toBe(true);
    // Every local read after the first (kept until the answer) is a buffer of its own, now freed.
    const later = seen.reads.slice(1);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every(freed)).toBe(true);
    // The pod's bytes came in reads of the link's socket; those written whole are freed too.
    expect(seen.writes.filter(freed).length).toBeGreaterThan(seen.writes.length / 2);
  });
});

describe('pipeThroughTunnel (v4) frees what it copied or wrote', () => {
  it('frees the local reads once copied into a message and whole messages once written', async () => {
    const url = await startV4Server(cleanups, (ws) => {
      ws.send(Buffer.from([0, 0x28, 0x23]));
      ws.send(Buffer.from([1, 0x28, 0x23]));
      // Echo each data message back in one message of its own.
      ws.on('message', (data: Buffer) => ws.send(data));
    });
    const conn = fakeClusterConnection(url);
    cleanups.push(() => conn.dispose());
    const ws = await openTunnel({ conn, namespace: 'ns', pod: 'p' }, [9000]);
    const [served, client] = await socketPair(cleanups);
    const seen = watch(served);
    void pipeThroughTunnel(served, ws);
    const echoed: Buffer[] = [];
    client.on('data', (d: Buffer) => echoed.push(Buffer.from(d)));
    const payload = pattern(1024 * KIB, 9);
    client.write(payload);
    await until(() => Buffer.concat(echoed).length === payload.length);
    await sleep(20);
    expect(Buffer.concat(echoed).equals(payload)).toBe(true);
    expect(seen.reads.length).toBeGreaterThan(0);
    expect(seen.reads.every(freed)).toBe(true);
    // Messages of 64 KiB and more arrive in several reads, which ws joins into one buffer of its own.
    expect(seen.writes.some(freed)).toBe(true);
  });
});
