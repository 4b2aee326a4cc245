// Each wire path forced in turn (docs/port-forward.md, Wire protocols): SPDY over WebSocket,
// plain SPDY, and v4 WebSocket channels, through the demo apiserver, which serves all three.
import { randomBytes, randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForwardTransport } from '../../../../electron/core/forward/spdy/link-pool.ts';
import {
  addEchoForward,
  echoRoundTrip,
  echoWorks,
  runningPod,
  sha256,
  startDemoForwards,
  startTransportForwards,
  until,
  type DemoForwards,
} from './forward-test-support.ts';

const TRANSPORTS: ForwardTransport[] = ['spdy-websocket', 'spdy', 'websocket-v4'];

describe.each(TRANSPORTS)('forced onto %s', (transport) => {
  let t: DemoForwards;
  beforeAll(async () => {
    t = await startTransportForwards(transport);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it(
    'says which path it speaks, echoes 200 concurrent connections byte-exactly and survives a pod restart',
    { timeout: 120_000 },
    async () => {
      const info = await addEchoForward(t);
      expect(info.state).toBe('active');
      expect(info.transport).toBe(transport);
      const port = info.bindings[0]!.local;
      const payloads = Array.from({ length: 200 }, () => randomBytes(randomInt(1, 256 * 1024)));
      const results = await Promise.all(payloads.map((p) => echoRoundTrip(port, p, 60_000)));
      expect(results.filter((r, i) => r.length !== payloads[i]!.length || sha256(r) !== sha256(payloads[i]!))).toHaveLength(0);
      expect(t.manager.get(info.id).stats.bytesOut).toBe(payloads.reduce((n, p) => n + p.length, 0));

      const pod = await runningPod(t.kubeconfig, 'app=echo');
      const t0 = Date.now();
      await t.demo.chaos.restartPod('shop', pod);
      while (!(await echoWorks(port, 2000))) {
        if (Date.now() - t0 > 30_000) throw new Error('no working connection 30 s after the restart');
        await sleep(25);
      }
      await until(() => t.manager.get(info.id).state === 'active' && t.manager.get(info.id).pod !== pod, 30_000, 'Active on the new pod');
      expect(t.manager.get(info.id).transport).toBe(transport);
      const big = randomBytes(8 * 1024 * 1024);
      expect(sha256(await echoRoundTrip(port, big, 60_000))).toBe(sha256(big));
      await t.manager.remove(info.id);
    },
  );
});

describe('automatic choice', () => {
  let t: DemoForwards;
  beforeAll(async () => {
    t = await startDemoForwards({ session: { healthIntervalMs: 0 } });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('takes SPDY over WebSocket first, as kubectl 1.31+ does, when the apiserver offers it', async () => {
    const info = await addEchoForward(t);
    expect(info.transport).toBe('spdy-websocket');
    expect(await echoWorks(info.bindings[0]!.local)).toBe(true);
    await t.manager.remove(info.id);
  });
});
