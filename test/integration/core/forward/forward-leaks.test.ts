import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { trackResources } from '../../../support/resources-left.ts';
import { echoWorks, startDemoForwards, type DemoForwards } from './forward-test-support.ts';

let t: DemoForwards;
beforeAll(async () => {
  // A short probe settle keeps 500 cycles quick; it changes no lifetime.
  t = await startDemoForwards({ probeSettleMs: 20 });
});
afterAll(async () => {
  await t?.dispose();
});

// async_hooks types: sockets (a TLS socket through its TCPWRAP: a TLSWRAP is only destroyed when
// garbage-collected), listeners, timers.
const WATCHED = ['TCPWRAP', 'TCPSERVERWRAP', 'Timeout'] as const;

describe('lifetimes (docs/architecture.md, Lifetimes: whatever owns sockets/timers disposes them)', () => {
  it('start/stop 500 times leaves no sockets, listeners or timers behind (counted handles)', { timeout: 300_000 }, async () => {
    const info = await t.manager.add(
      { context: 'demo', namespace: 'shop', target: 'svc/echo', ports: [':9000'], addresses: ['localhost'] },
      { start: false },
    );
    // Warm up once (module loading, the demo's own keep-alive state) before counting.
    await t.manager.start(info.id);
    await t.manager.stop(info.id);
    // Only what the cycles start counts: the demo's handles, or the warm-up's still closing, do not.
    const tracker = trackResources(WATCHED);
    onTestFinished(() => tracker.dispose());
    await tracker.run(async () => {
      for (let i = 0; i < 500; i++) {
        const started = await t.manager.start(info.id);
        expect(started.state).toBe('active');
        if (i % 50 === 0) expect(await echoWorks(started.bindings[0]!.local)).toBe(true);
        const stopped = await t.manager.stop(info.id);
        expect(stopped.state).toBe('stopped');
      }
    });
    const none = Object.fromEntries(WATCHED.map((k) => [k, 0]));
    let after = tracker.alive();
    for (let i = 0; i < 100 && WATCHED.some((k) => after[k]! > 0); i++) {
      await sleep(100);
      after = tracker.alive();
    }
    expect(after).toEqual(none);
  });
});
