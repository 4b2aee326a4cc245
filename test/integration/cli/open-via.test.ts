// `kubedesk open --via port-forward` as a real process against the demo cluster (docs/cli.md,
// docs/service-gateway.md, Through a port-forward): the ready line, the service at `/` through a
// forward to a web pod (no service-proxy request), exit 0 on SIGTERM with both ports freed and
// nothing written to the app's forwards.json; a bad `--via` is a usage error.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../../electron/core/demo/demo-cluster.ts';
import { isFree, probe } from '../../support/http-probe.ts';
import { OPEN_READY as READY, openEnv as envFor } from '../../support/open-cli.ts';
import { runCli, startCli } from '../../support/run-cli.ts';

let demo: DemoCluster;
let kubeconfig: string;
beforeAll(async () => {
  demo = await startDemoCluster();
  kubeconfig = await demo.writeKubeconfig(mkdtempSync(join(tmpdir(), 'kd-open-via-')));
});
afterAll(async () => {
  await demo?.dispose();
});

describe('kubedesk open --via port-forward (docs/cli.md)', () => {
  it('prints the ready line, serves the service through a forward, and exits 0 on SIGTERM leaving nothing behind', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kd-open-via-home-'));
    const seen = demo.requestLog.length;
    const p = startCli(['open', '--kubeconfig', kubeconfig, '-n', 'shop', 'web', '--via', 'port-forward', '--no-browser'], envFor(home));
    const [line, port, what] = await p.waitForLine(READY);
    expect(p.lines).toEqual([line]);
    expect(what).toBe('shop/web:http');
    const page = await probe(Number(port), '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<link rel="stylesheet" href="/static/style.css">');
    expect((await probe(Number(port), '/static/style.css')).status).toBe(200);
    const paths = demo.requestLog.slice(seen).map((r) => r.path);
    expect(paths.some((x) => /^\/api\/v1\/namespaces\/shop\/pods\/web-[^/]+\/portforward$/.test(x))).toBe(true);
    expect(paths.filter((x) => x.includes('/proxy'))).toEqual([]);

    const exited = new Promise<number | null>((resolve) => p.child.on('close', (code) => resolve(code)));
    p.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(p.stderr()).toBe('');
    expect(await isFree(Number(port))).toBe(true);
    expect(existsSync(join(home, 'forwards.json'))).toBe(false);
  });

  it('--via with another value is a usage error (exit 2); an unknown service via port-forward: exit 1', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kd-open-via-home-'));
    const usage = await runCli(['open', '--kubeconfig', kubeconfig, 'web', '--via', 'tunnel', '--no-browser'], {
      ...envFor(home),
      timeoutMs: 20_000,
    });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--via: 'tunnel' is not one of: api-proxy, port-forward");
    const missing = await runCli(['open', '--kubeconfig', kubeconfig, '-n', 'shop', 'nope', '--via', 'port-forward', '--no-browser'], {
      ...envFor(home),
      timeoutMs: 20_000,
    });
    expect(missing).toEqual({ code: 1, stdout: '', stderr: 'error: service "shop/nope" not found\n' });
    expect(existsSync(join(home, 'forwards.json'))).toBe(false);
  });
});
