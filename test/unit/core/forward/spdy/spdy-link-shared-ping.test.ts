// SpdyLinks of one ping period share one timer (shared-interval.ts): each connection is still
// pinged once a period, as client-go does (docs/port-forward.md, Idle cost), but a hundred idle
// forwards wake the process once a period. Real sockets; the peers answer with the demo's framer.
// Node drains microtasks between two timers' callbacks, so a pass is what is sent before a
// microtask queued by its first ping.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { FrameParser } from '../../../../../electron/core/demo/spdy-framer.ts';
import { socketChannel } from '../../../../../electron/core/forward/spdy/byte-channel.ts';
import { SpdyLink } from '../../../../../electron/core/forward/spdy/spdy-link.ts';
import { FrameType, pingFrame } from '../../../../../electron/core/kube/spdy/spdy-frames.ts';
import { socketPair } from '../../../../support/socket-pair.ts';
import { passRecorder } from '../../../../support/timer-passes.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await sleep(10);
  expect(cond()).toBe(true);
}

const isPing = (frame: Buffer): boolean => (frame[0]! & 0x80) !== 0 && frame.readUInt16BE(2) === FrameType.PING;

it('pings every link of a period once a period, all of them in one pass of one timer', async () => {
  const { passes, ran: pinged } = passRecorder<number>();
  const answered: number[] = [];
  const links: SpdyLink[] = [];
  for (let i = 0; i < 3; i++) {
    const [served, peer] = await socketPair(cleanups);
    const parser = new FrameParser();
    answered.push(0);
    peer.on('data', (d: Buffer) => {
      for (const f of parser.push(d)) {
        if (!f.control || f.type !== FrameType.PING) continue;
        answered[i]!++;
        peer.write(pingFrame(f.data.readUInt32BE(0)));
      }
    });
    const link = new SpdyLink(
      'spdy',
      (events) => {
        const channel = socketChannel(served, Buffer.alloc(0), events);
        const send = channel.send.bind(channel);
        channel.send = (parts) => {
          if (isPing(parts[0]!)) pinged(i);
          send(parts);
        };
        return channel;
      },
      { pingMs: 20, onClosed: () => {} },
    );
    links.push(link);
    cleanups.push(() => link.close());
    // The next link opens only after this one pinged: a timer of its own would tick at another moment.
    await until(() => passes.some((p) => p.includes(i)));
  }
  const started = passes.length;
  await until(() => passes.length >= started + 3);
  for (const pass of passes.slice(started)) expect(pass).toEqual([0, 1, 2]);
  await until(() => links.every((l) => l.answeredWithin(1000)));
  expect(answered.every((n) => n > 0)).toBe(true);
});
