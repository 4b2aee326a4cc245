import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoRoundTrip, sha256, startDemoForwards, type DemoForwards } from './forward-test-support.ts';

let t: DemoForwards;
beforeAll(async () => {
  t = await startDemoForwards();
});
afterAll(async () => {
  await t?.dispose();
});

describe('data path through the demo apiserver (docs/port-forward.md, protocol A)', () => {
  it('200 concurrent connections through one forward echo random payloads byte-exactly (sha256)', async () => {
    const info = await t.manager.add({
      context: 'demo',
      namespace: 'shop',
      target: 'svc/echo',
      ports: [':echo'],
      addresses: ['127.0.0.1'],
    });
    expect(info.state).toBe('active');
    expect(info.bindings[0]!.remote).toBe(9000);
    const port = info.bindings[0]!.local;
    const payloads = Array.from({ length: 200 }, () => randomBytes(randomInt(1, 256 * 1024)));
    const results = await Promise.all(payloads.map((p) => echoRoundTrip(port, p, 60_000)));
    const mismatches = results.filter((r, i) => r.length !== payloads[i]!.length || sha256(r) !== sha256(payloads[i]!));
    expect(mismatches).toHaveLength(0);
    const after = t.manager.get(info.id);
    expect(after.stats.connectionsTotal).toBeGreaterThanOrEqual(200);
    const total = payloads.reduce((n, p) => n + p.length, 0);
    expect(after.stats.bytesOut).toBe(total);
    await t.manager.remove(info.id);
  });

  it('forwards every port of a multi-port forward to its own container port', async () => {
    const info = await t.manager.add({
      context: 'demo',
      namespace: 'shop',
      target: 'svc/api',
      ports: [':80', ':9090'],
      addresses: ['127.0.0.1'],
    });
    expect(info.bindings.map((b) => b.remote)).toEqual([8080, 9090]);
    const api = await fetch(info.bindings[0]!.url);
    expect(api.status).toBe(200);
    expect(((await api.json()) as { service: string }).service).toBe('api');
    const metrics = await fetch(`${info.bindings[1]!.url}metrics`);
    expect(metrics.status).toBe(200);
    await t.manager.remove(info.id);
  });
});
