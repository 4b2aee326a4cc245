// A SpdyLink pings its peer (client-go's ping period) and remembers when an answer came: the
// forward's health check skips its GET while the apiserver answers (health-check.ts). Real
// sockets; the peer answers with the demo's framer until told to stop.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { FrameParser } from '../../../../../electron/core/demo/spdy-framer.ts';
import { socketChannel } from '../../../../../electron/core/forward/spdy/byte-channel.ts';
import { SpdyLink } from '../../../../../electron/core/forward/spdy/spdy-link.ts';
import { FrameType, pingFrame } from '../../../../../electron/core/kube/spdy/spdy-frames.ts';
import { socketPair } from '../../../../support/socket-pair.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('answeredWithin: true while the peer answers the pings, false once it stops or the link closes', async () => {
  const [served, peer] = await socketPair(cleanups);
  let answering = true;
  let pings = 0;
  const parser = new FrameParser();
  peer.on('data', (d: Buffer) => {
    for (const f of parser.push(d)) {
      if (!f.control || f.type !== FrameType.PING) continue;
      pings++;
      if (answering) peer.write(pingFrame(f.data.readUInt32BE(0)));
    }
  });
  const link = new SpdyLink('spdy', (events) => socketChannel(served, Buffer.alloc(0), events), { pingMs: 20, onClosed: () => {} });
  cleanups.push(() => link.close());
  expect(link.answeredWithin(1000)).toBe(false);
  for (let i = 0; i < 100 && !link.answeredWithin(1000); i++) await sleep(10);
  expect(link.answeredWithin(1000)).toBe(true);
  answering = false;
  const sent = pings;
  await sleep(150);
  expect(pings).toBeGreaterThan(sent);
  expect(link.answeredWithin(100)).toBe(false);
  answering = true;
  for (let i = 0; i < 100 && !link.answeredWithin(100); i++) await sleep(10);
  expect(link.answeredWithin(100)).toBe(true);
  link.close();
  expect(link.answeredWithin(1000)).toBe(false);
});
