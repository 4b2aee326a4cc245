// `kubedesk open` as a real process against the demo cluster (docs/cli.md, docs/service-gateway.md):
// the ready line, the service at `/` of its own origin, exit 0 on SIGTERM with the port freed, the
// port remembered for the next run, and errors that start nothing.
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
  kubeconfig = await demo.writeKubeconfig(mkdtempSync(join(tmpdir(), 'kd-open-cli-')));
});
afterAll(async () => {
  await demo?.dispose();
});

describe('kubedesk open (docs/cli.md)', () => {
  it('prints "Opened http://127.0.0.1:PORT/ (NS/SERVICE:PORT)", serves the service at /, and exits 0 on SIGTERM', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kd-open-home-'));
    const p = startCli(['open', '--kubeconfig', kubeconfig, '-n', 'shop', 'web:80', '--no-browser'], envFor(home));
    const [line, port, what] = await p.waitForLine(READY);
    expect(p.lines).toEqual([line]);
    expect(what).toBe('shop/web:http');
    const page = await probe(Number(port), '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('href="/static/style.css"');
    expect((await probe(Number(port), '/static/style.css')).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => p.child.on('close', (code) => resolve(code)));
    p.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(p.stderr()).toBe('');
    expect(await isFree(Number(port))).toBe(true);

    // The next run, in the context's own namespace (shop), gets the same port back.
    const again = startCli(['open', '--kubeconfig', kubeconfig, '--context', 'demo', 'web', '--no-browser'], envFor(home));
    const [, port2, what2] = await again.waitForLine(READY);
    expect([port2, what2]).toEqual([port, 'shop/web:http']);
    expect(await again.stop()).toBe(0);
  });

  it('an unknown service: exit 1, `error: service "shop/nope" not found`, nothing remembered', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kd-open-home-'));
    const r = await runCli(['open', '--kubeconfig', kubeconfig, '-n', 'shop', 'nope', '--no-browser'], {
      ...envFor(home),
      timeoutMs: 20_000,
    });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'error: service "shop/nope" not found\n' });
    expect(existsSync(join(home, 'gateway-ports.json'))).toBe(false);
  });

  it('a port the service lacks: exit 1 listing its ports; a malformed SERVICE: usage error', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kd-open-home-'));
    const bad = await runCli(['open', '--kubeconfig', kubeconfig, 'web:x', '--no-browser'], { ...envFor(home), timeoutMs: 20_000 });
    expect(bad).toEqual({ code: 1, stdout: '', stderr: 'error: service "shop/web" has no port "x"; it has: http (80)\n' });
    const usage = await runCli(['open', '--kubeconfig', kubeconfig, 'Web_1', '--no-browser'], { ...envFor(home), timeoutMs: 20_000 });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('invalid service "Web_1"');
  });
});
