// The WebSocket tunnel's read side (docs/port-forward.md, protocol C and Performance), on a real
// socket pair: a read that lies wholly inside one binary frame's payload (most reads of a large
// message: one TLS record each) reaches the SPDY layer as the very Buffer the socket read, and the
// bytes of every frame arrive in order whatever the read boundaries.
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { wsTunnelChannel } from '../../../../../electron/core/forward/spdy/ws-tunnel-channel.ts';
import { socketPair } from '../../../../support/socket-pair.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The head of an unmasked server binary frame (RFC 6455 §5.2) of `length` bytes (126 ≤ length < 65536). */
function binaryHead(length: number): Buffer {
  const head = Buffer.from([0x82, 126, 0, 0]);
  head.writeUInt16BE(length, 2);
  return head;
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await sleep(5);
}

describe('wsTunnelChannel reads', () => {
  it('hands a read that lies inside one frame payload on as the Buffer the socket read', async () => {
    const [served, client]: [Socket, Socket] = await socketPair(cleanups);
    const reads: Buffer[] = [];
    client.on('data', (d: Buffer) => reads.push(d));
    const got: Buffer[] = [];
    const channel = wsTunnelChannel(client, Buffer.alloc(0), { data: (c) => got.push(c), drain: () => {}, closed: () => {} });
    cleanups.push(() => channel.destroy());
    const payload = Buffer.alloc(1000, 9);
    served.write(binaryHead(2000));
    await until(() => reads.length === 1);
    served.write(payload);
    await until(() => got.length === 1);
    expect(reads).toHaveLength(2);
    expect(got[0]).toBe(reads[1]);
    served.write(Buffer.concat([Buffer.alloc(1000, 8), binaryHead(130), Buffer.alloc(130, 7)]));
    await until(() => Buffer.concat(got).length === 2130);
    expect(Buffer.concat(got).equals(Buffer.concat([payload, Buffer.alloc(1000, 8), Buffer.alloc(130, 7)]))).toBe(true);
  });
});
