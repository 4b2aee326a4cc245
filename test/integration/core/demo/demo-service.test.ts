// DemoService: the one way the demo cluster starts (the app's offer, `serve --demo`, `kubedesk demo`).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:https';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createDemoHandlers, DemoService } from '../../../../electron/core/demo/demo-service.ts';
import { LayeredKubeconfigSources } from '../../../../electron/core/kubeconfig/kubeconfig-sources.ts';
import { silentLogger } from '../../../../electron/core/log.ts';

/** GET from the demo apiserver as its kubeconfig's `demo` user (token, the demo's own CA). */
async function apiGet(kubeconfig: string, path: string): Promise<unknown> {
  const doc = parse(readFileSync(kubeconfig, 'utf8')) as {
    clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
    users: Array<{ name: string; user: { token?: string } }>;
  };
  const cluster = doc.clusters[0]!.cluster;
  const token = doc.users.find((u) => u.user.token)!.user.token!;
  return new Promise((resolve, reject) => {
    const req = request(
      `${cluster.server}${path}`,
      { ca: Buffer.from(cluster['certificate-authority-data'], 'base64'), headers: { Authorization: `Bearer ${token}` } },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve(JSON.parse(body)));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('DemoService', () => {
  it('puts its kubeconfig first while it runs and takes it out, with its temp folder, on dispose', async () => {
    const sources = new LayeredKubeconfigSources({ files: ['/home/u/.kube/config'], mustExist: false, origin: 'default' });
    const started: string[][] = [];
    const demo = new DemoService({ log: silentLogger, sources });
    onTestFinished(() => demo.dispose());
    demo.onStarted(async () => void started.push(sources.files));
    expect(demo.status()).toEqual({ running: false, contexts: [] });

    const run = await demo.start();
    expect(run.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sources.files).toEqual([run.kubeconfig, '/home/u/.kube/config']);
    expect(started).toEqual([[run.kubeconfig, '/home/u/.kube/config']]);
    expect(readFileSync(run.kubeconfig, 'utf8')).toContain(run.url);
    expect(demo.status()).toEqual({ running: true, server: run.url, contexts: ['demo', 'demo-basic', 'demo-cert'] });

    await demo.dispose();
    expect(sources.files).toEqual(['/home/u/.kube/config']);
    expect(existsSync(dirname(run.kubeconfig))).toBe(false);
    expect(demo.status()).toEqual({ running: false, contexts: [] });
    await expect(fetch(`${run.url}/version`)).rejects.toThrow();
  });

  it('starts once: a second start (the button pressed twice) gets the same cluster', async () => {
    const demo = new DemoService({ log: silentLogger });
    onTestFinished(() => demo.dispose());
    const handlers = createDemoHandlers(demo);
    const signal = new AbortController().signal;
    const [a, b] = await Promise.all([handlers['demo:start'](undefined, signal), handlers['demo:start'](undefined, signal)]);
    expect(a).toEqual(b);
    expect(await handlers['demo:status'](undefined, signal)).toEqual(a);
  });

  it('writes into the folder asked for, keeps it on dispose, and honours port, services and latency', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kd-demo-service-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const demo = new DemoService({ log: silentLogger });
    const run = await demo.start({ dir, services: 2, latencyMs: 150 });
    try {
      expect(run.kubeconfig).toBe(join(dir, 'kubeconfig'));
      const t0 = Date.now();
      const list = (await apiGet(run.kubeconfig, '/api/v1/namespaces/bulk/services')) as { items: unknown[] };
      expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
      expect(list.items).toHaveLength(2);
    } finally {
      await demo.dispose();
    }
    expect(existsSync(join(dir, 'kubeconfig'))).toBe(true);
  });

  it('runs the restart loop while the demo runs and stops it with the demo', async () => {
    const demo = new DemoService({ log: silentLogger });
    onTestFinished(() => demo.dispose());
    const restarted: string[] = [];
    await demo.start({
      restart: { everyMs: 100, namespace: 'shop', deployment: 'web', onRestart: (r) => void restarted.push(r.oldName) },
    });
    await expect.poll(() => restarted.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    await demo.dispose();
    const seen = restarted.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(restarted).toHaveLength(seen);
  });
});
