import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoWorks, startDemoForwards, type DemoForwards } from './forward-test-support.ts';

let t: DemoForwards;
beforeAll(async () => {
  // A short probe settle keeps 500 cycles quick; it changes no lifetime.
  t = await startDemoForwards({ probeSettleMs: 20 });
});
afterAll(async () => {
  await t?.dispose();
});

function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

const WATCHED = ['TCPSocketWrap', 'TCPServerWrap', 'Timeout', 'TLSWrap'] as const;

function watched(c: Record<string, number>): Record<string, number> {
  return Object.fromEntries(WATCHED.map((k) => [k, c[k] ?? 0]));
}

describe('lifetimes (docs/architecture.md, Lifetimes: whatever owns sockets/timers disposes them)', () => {
  it('start/stop 500 times leaves no sockets, listeners or timers behind (counted handles)', { timeout: 300_000 }, async () => {
    const info = await t.manager.add(
      { context: 'demo', namespace: 'shop', target: 'svc/echo', ports: [':9000'], addresses: ['localhost'] },
      { start: false },
    );
    // Warm up once (module loading, the demo's own keep-alive state), then take the baseline.
    await t.manager.start(info.id);
    await t.manager.stop(info.id);
    await sleep(500);
    const before = watched(handles());
    for (let i = 0; i < 500; i++) {
      const started = await t.manager.start(info.id);
      expect(started.state).toBe('active');
      if (i % 50 === 0) expect(await echoWorks(started.bindings[0]!.local)).toBe(true);
      const stopped = await t.manager.stop(info.id);
      expect(stopped.state).toBe('stopped');
    }
    let after = watched(handles());
    for (let i = 0; i < 100 && WATCHED.some((k) => after[k]! > before[k]!); i++) {
      await sleep(100);
      after = watched(handles());
    }
    expect(after).toEqual(before);
  });
});
