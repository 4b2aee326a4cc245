// read-buffers.ts (docs/proxy.md, Memory): only a whole read of a marked socket is ever freed, never
// a buffer the stream merged from several reads, a slice of Node's shared pool, or a read of a
// socket nobody marked. Real loopback sockets.
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { markReads, releaseReads } from '../../../../electron/core/proxy/read-buffers.ts';
import { socketPair } from '../../../support/socket-pair.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const freed = (b: Buffer): boolean => (b.buffer as ArrayBuffer & { readonly detached: boolean }).detached;

/** Lets `socket` read into its buffer, as undici does ('readable', then `read()`). */
function buffering(socket: Socket): Socket {
  socket.on('readable', () => {});
  return socket;
}

/** Waits until `socket` has `bytes` buffered (in as many reads as the kernel delivered), then takes them in one `read()`. */
async function readAll(socket: Socket, bytes: number): Promise<Buffer> {
  for (let i = 0; i < 300 && socket.readableLength < bytes; i++) await sleep(10);
  expect(socket.readableLength).toBe(bytes);
  return socket.read() as Buffer;
}

describe('releaseReads', () => {
  it("frees a marked socket's whole read, which then reads as empty", async () => {
    const [served, client] = await socketPair(cleanups);
    markReads(buffering(client));
    served.write(Buffer.alloc(20_000, 7));
    const read = await readAll(client, 20_000);
    expect(read.equals(Buffer.alloc(20_000, 7))).toBe(true);
    releaseReads([read]);
    expect(freed(read)).toBe(true);
    expect(read.length).toBe(0);
  });

  it('frees a read once however many views of it are given, and views of a freed read stay safe to read', async () => {
    const [served, client] = await socketPair(cleanups);
    markReads(buffering(client));
    served.write(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello'));
    const read = await readAll(client, 43);
    const head = read.subarray(0, 15);
    const body = read.subarray(38);
    releaseReads([body, head, body]);
    expect(freed(read)).toBe(true);
    expect(head.toString()).toBe('');
  });

  it('leaves alone a buffer merged from two reads, and those reads', async () => {
    const [served, client] = await socketPair(cleanups);
    const reads: Buffer[] = [];
    const push = client.push;
    client.push = function (this: Socket, chunk: unknown, encoding?: BufferEncoding): boolean {
      if (Buffer.isBuffer(chunk)) reads.push(chunk);
      return push.call(this, chunk, encoding);
    };
    markReads(buffering(client));
    served.write(Buffer.alloc(6000, 1));
    for (let i = 0; i < 300 && client.readableLength < 6000; i++) await sleep(10);
    served.write(Buffer.alloc(6000, 2));
    const merged = await readAll(client, 12_000);
    expect(reads.length).toBe(2);
    releaseReads([merged]);
    expect(freed(merged)).toBe(false);
    expect(reads.some(freed)).toBe(false);
    expect(merged.subarray(0, 6000).equals(Buffer.alloc(6000, 1))).toBe(true);
    expect(merged.subarray(6000).equals(Buffer.alloc(6000, 2))).toBe(true);
  });

  it("leaves alone a read of a socket nobody marked, and Node's pooled buffers", async () => {
    const [served, client] = await socketPair(cleanups);
    buffering(client);
    served.write(Buffer.alloc(20_000, 3));
    const read = await readAll(client, 20_000);
    const pooled = Buffer.from('abc');
    releaseReads([read, pooled, 'not a buffer']);
    expect(freed(read)).toBe(false);
    expect(freed(pooled)).toBe(false);
    expect(pooled.toString()).toBe('abc');
  });
});
