import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForwardInfo } from '../../../../electron/shared/ipc-contract.ts';
import { echoWorks, startDemoForwards, until, type DemoForwards } from './forward-test-support.ts';

let t: DemoForwards;
beforeAll(async () => {
  t = await startDemoForwards();
});
afterAll(async () => {
  await t?.dispose();
});

describe('apiserver blips', () => {
  it('apiserver refusing connections for 5 s: Reconnecting, then Active without user action', { timeout: 120_000 }, async () => {
    const info = await t.manager.add({
      context: 'demo',
      namespace: 'shop',
      target: 'svc/echo',
      ports: [':9000'],
      addresses: ['127.0.0.1'],
    });
    const port = info.bindings[0]!.local;
    expect(info.state).toBe('active');
    const seen: Array<{ state: string; at: number }> = [];
    const unsubscribe = t.subscribe((i: ForwardInfo) => {
      if (i.id === info.id && seen.at(-1)?.state !== i.state) seen.push({ state: i.state, at: Date.now() });
    });
    const t0 = Date.now();
    await t.demo.chaos.refuseConnections(5);
    // A connection made during the outage waits (≤ 30 s) and then works.
    const during = echoWorks(port, 40_000);
    await until(() => t.manager.get(info.id).state === 'reconnecting', 10_000, 'Reconnecting');
    expect(t.manager.get(info.id).lastError).not.toBeNull();
    await until(() => t.manager.get(info.id).state === 'active', 40_000, 'Active again');
    expect(await during).toBe(true);
    const back = seen.find((s) => s.state === 'active')!;
    // Active only once the apiserver answered again (after the 5 s).
    expect(back.at - t0).toBeGreaterThanOrEqual(4500);
    expect(seen.map((s) => s.state)).toEqual(['reconnecting', 'active']);
    expect(await echoWorks(port)).toBe(true);
    unsubscribe();
    await t.manager.remove(info.id);
  });
});
