// A local client that stops reading must not make KubeDesk buffer the pod's bytes without bound
// (docs/port-forward.md, Wire protocols: flow control): on SPDY the stream gets no more credit and
// the connection pauses when the peer ignores windows; on v4 the WebSocket pauses.
import { createHash, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForwardTransport } from '../../../../electron/core/forward/spdy/link-pool.ts';
import { addEchoForward, echoWorks, sha256, startTransportForwards, type DemoForwards } from './forward-test-support.ts';

const MIB = 1024 * 1024;
const TOTAL = 64 * MIB;
/** Loopback socket buffers on both sides hold a few MiB; KubeDesk adds at most its window and high-water marks. */
const BOUND = 16 * MIB;

function writeAll(s: Socket, payload: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let at = 0;
    const pump = (): void => {
      while (at < payload.length) {
        const piece = payload.subarray(at, at + 256 * 1024);
        at += piece.length;
        if (!s.write(piece)) return void s.once('drain', pump);
      }
      resolve();
    };
    s.once('error', reject);
    pump();
  });
}

describe.each(['spdy-websocket', 'spdy', 'websocket-v4'] as ForwardTransport[])('slow consumer on %s', (transport) => {
  let t: DemoForwards;
  beforeAll(async () => {
    t = await startTransportForwards(transport, { statsIntervalMs: 50 });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it(
    'holds a bounded amount for a client that stops reading, then delivers every byte when it reads again',
    { timeout: 120_000 },
    async () => {
      const info = await addEchoForward(t);
      const port = info.bindings[0]!.local;
      const payload = randomBytes(TOTAL);
      const s = connect({ host: '127.0.0.1', port });
      s.pause();
      await new Promise<void>((r) => s.once('connect', () => r()));
      // Not awaited: with every hop holding back (the demo's kubelet stops reading a stream whose
      // pod is full, as the real one does), the client's writes only complete once it reads.
      const written = writeAll(s, payload);
      // Wait until the pod's bytes stop moving towards the stalled client.
      let last = -1;
      for (let i = 0; i < 200; i++) {
        await sleep(100);
        const now = t.manager.get(info.id).stats.bytesIn;
        if (now === last) break;
        last = now;
      }
      const held = t.manager.get(info.id).stats.bytesIn;
      console.log(`${transport}: ${(held / MIB).toFixed(1)} MiB handed to a client that reads nothing (of ${TOTAL / MIB} MiB)`);
      expect(held).toBeLessThan(BOUND);
      // Other connections of the forward still work meanwhile only on paths without a shared
      // connection stall; every path delivers everything once the client reads.
      const hash = createHash('sha256');
      let got = 0;
      const done = new Promise<void>((resolve, reject) => {
        s.on('data', (d: Buffer) => {
          hash.update(d);
          got += d.length;
          if (got >= TOTAL) resolve();
        });
        s.on('close', () => (got < TOTAL ? reject(new Error(`closed after ${got} bytes`)) : resolve()));
      });
      s.resume();
      await Promise.all([written, done]);
      s.destroy();
      expect(hash.digest('hex')).toBe(sha256(payload));
      expect(await echoWorks(port)).toBe(true);
      await t.manager.remove(info.id);
    },
  );
});
