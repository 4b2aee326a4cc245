// Against a v4.channel.k8s.io WebSocket server on a real socket: how the bytes of one connection
// are grouped (docs/port-forward.md, Performance). The local reads of one event-loop turn leave as
// one data message of at most 256 KiB (plus the channel byte), not one message per 64 KiB read,
// written from the reads themselves (masked in place, not copied); the pod's messages that
// arrive in one read reach the local client in one write.
import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { openTunnel, tunnelSocket } from '../../../../electron/core/forward/tunnel-open.ts';
import { pipeThroughTunnel, type PipeResult } from '../../../../electron/core/forward/tunnel-pipe.ts';
import { fakeClusterConnection } from '../../../fakes/fake-cluster-connection.ts';
import { recordWrites, socketPair } from '../../../support/socket-pair.ts';
import { startUpgradeServer, startV4Server } from '../../../support/upgrade-server.ts';

const KIB = 1024;

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A v4 server that records each data message (channel 0) the client sends. */
function v4Server(messages: Buffer[]): Promise<string> {
  return startV4Server(cleanups, (ws) => ws.on('message', (data: Buffer) => messages.push(Buffer.from(data))));
}

/** An unmasked server frame (RFC 6455 §5.2) carrying one v4 message: `channel` + `payload`. */
function serverFrame(channel: number, payload: Buffer): Buffer {
  const length = payload.length + 1;
  if (length > 125) throw new Error('test frames stay small');
  return Buffer.concat([Buffer.from([0x82, length, channel]), payload]);
}

/**
 * A v4 server written by hand, so that it can put many messages into one socket write: after the
 * 101 it sends both port headers, then `frames` in one write once `go` resolves.
 */
function rawV4Server(go: Promise<Buffer>): Promise<string> {
  return startUpgradeServer(cleanups, (req, socket) => {
    const accept = createHash('sha1')
      .update(`${String(req.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: v4.channel.k8s.io\r\n\r\n`,
    );
    socket.write(Buffer.concat([serverFrame(0, Buffer.from([0x28, 0x23])), serverFrame(1, Buffer.from([0x28, 0x23]))]));
    void go.then((frames) => socket.write(frames));
  });
}

async function openPipe(url: string): Promise<{ served: Socket; client: Socket; ws: WebSocket; result: Promise<PipeResult> }> {
  const conn = fakeClusterConnection(url);
  cleanups.push(() => conn.dispose());
  const ws = await openTunnel({ conn, namespace: 'ns', pod: 'p' }, [9000]);
  const [served, client] = await socketPair(cleanups);
  return { served, client, ws, result: pipeThroughTunnel(served, ws) };
}

const payloadBytes = (messages: Buffer[]): number => messages.reduce((n, m) => n + m.length - 1, 0);

describe('tunnel-pipe grouping of local bytes (v4)', () => {
  it('sends the local reads of one event-loop turn as one data message of at most 256 KiB', async () => {
    const messages: Buffer[] = [];
    const { client } = await openPipe(await v4Server(messages));
    const payload = Buffer.alloc(1024 * KIB);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 7) % 251;
    client.write(payload);
    for (let i = 0; i < 200 && payloadBytes(messages) < payload.length; i++) await sleep(10);
    expect(messages.every((m) => m[0] === 0)).toBe(true);
    expect(Buffer.concat(messages.map((m) => m.subarray(1))).equals(payload)).toBe(true);
    expect(Math.max(...messages.map((m) => m.length))).toBeLessThanOrEqual(256 * KIB + 1);
    // Node reads a socket 64 KiB at a time: one message per read would be 16 messages.
    expect(messages.length).toBeLessThan(16);
  });

  it('sends what the client wrote before it closed, then closes the WebSocket', async () => {
    const messages: Buffer[] = [];
    const { client, result } = await openPipe(await v4Server(messages));
    client.end(Buffer.alloc(100 * KIB, 3));
    const r = await result;
    expect(r.bytesOut).toBe(100 * KIB);
    expect(payloadBytes(messages)).toBe(100 * KIB);
  });

  it('writes the pod messages that arrive in one read to the local client in one write', async () => {
    let send: (frames: Buffer) => void = () => {};
    const { served, client } = await openPipe(await rawV4Server(new Promise((r) => (send = r))));
    const writes = recordWrites(served);
    const got: Buffer[] = [];
    client.on('data', (d: Buffer) => got.push(d));
    // 32 messages of 100 bytes in one write: one read on the forward's side.
    const payloads = Array.from({ length: 32 }, (_, i) => Buffer.alloc(100, i));
    send(Buffer.concat(payloads.map((p) => serverFrame(0, p))));
    for (let i = 0; i < 100 && Buffer.concat(got).length < 3200; i++) await sleep(10);
    expect(Buffer.concat(got).equals(Buffer.concat(payloads))).toBe(true);
    expect(writes).toEqual([32]);
  });

  it('writes the local reads themselves into the frame (masked in place), not a copy of them', async () => {
    const messages: Buffer[] = [];
    const { served, client, ws } = await openPipe(await v4Server(messages));
    const reads: Buffer[] = [];
    served.on('data', (d: Buffer) => reads.push(d));
    const raw = tunnelSocket(ws)!;
    const written = new Set<Buffer>();
    const writev = raw._writev!.bind(raw);
    raw._writev = (chunks, cb) => {
      for (const c of chunks) written.add(c.chunk as Buffer);
      writev(chunks, cb);
    };
    const write = raw._write.bind(raw);
    raw._write = (chunk: Buffer, enc, cb) => {
      written.add(chunk);
      write(chunk, enc, cb);
    };
    const payload = Buffer.alloc(512 * KIB);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 13) % 251;
    client.write(payload);
    for (let i = 0; i < 200 && payloadBytes(messages) < payload.length; i++) await sleep(10);
    expect(Buffer.concat(messages.map((m) => m.subarray(1))).equals(payload)).toBe(true);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((r) => written.has(r))).toBe(true);
  });
});
