// Real kubectl 1.32 against the demo cluster: every command runs
// /usr/bin/kubectl as a child process with the written kubeconfig and a private HOME.
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startDemoCluster, DEMO_ECHO, DEMO_WEB, DEMO_STOREFRONT, type DemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { api, kubectl, kubectlHome, kubectlLong } from './demo-support.ts';

let cluster: DemoCluster;
let kubeconfig: string;
let dir: string;
let home: { home: string; cleanup(): void };

beforeAll(async () => {
  cluster = await startDemoCluster();
  dir = mkdtempSync(join(tmpdir(), 'kubedesk-demo-kubectl-'));
  kubeconfig = await cluster.writeKubeconfig(dir);
  home = kubectlHome();
});

afterAll(async () => {
  await cluster?.dispose();
  rmSync(dir, { recursive: true, force: true });
  home?.cleanup();
});

const k = (args: string[], env: Record<string, string> = {}): ReturnType<typeof kubectl> => kubectl(kubeconfig, home.home, args, env);

function runningPod(prefix: string): Promise<string> {
  return api(cluster, `/api/v1/namespaces/shop/pods?labelSelector=app%3D${prefix}`).then((r) => {
    const items = r.json<{ items: Array<{ metadata: { name: string; deletionTimestamp?: string }; status: { phase: string } }> }>().items;
    const p = items.find((i) => i.status.phase === 'Running' && !i.metadata.deletionTimestamp);
    if (!p) throw new Error(`no running ${prefix} pod`);
    return p.metadata.name;
  });
}

function echoRoundTrip(port: number, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(payload));
    let got = '';
    s.on('data', (d: Buffer) => {
      got += d.toString();
      if (got.length >= payload.length) {
        s.end();
        resolve(got);
      }
    });
    s.on('error', reject);
    setTimeout(() => reject(new Error(`echo timed out, got ${JSON.stringify(got)}`)), 10_000).unref();
  });
}

describe('kubectl against the demo cluster', () => {
  it('get ns,svc,pods -A lists the world with server-side columns', async () => {
    const r = await k(['get', 'ns,svc,pods', '-A']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/namespace\/shop\s+Active/);
    expect(r.stdout).toMatch(/shop\s+service\/storefront\s+LoadBalancer\s+\S+\s+203\.0\.113\.50\s+80:31080\/TCP/);
    expect(r.stdout).toMatch(/shop\s+service\/echo\s+NodePort\s+\S+\s+<none>\s+9000:30900\/TCP/);
    expect(r.stdout).toMatch(/default\s+service\/kubernetes\s+ClusterIP\s+10\.96\.0\.1/);
    expect(r.stdout).toMatch(/shop\s+pod\/web-5d8f7c9b6d-\w{5}\s+1\/1\s+Running/);
    expect(r.stdout).toMatch(/shop\s+pod\/report-generator\s+0\/1\s+Pending/);
    expect(r.stdout).toMatch(/kube-system\s+pod\/kube-proxy-\w{5}\s+1\/1\s+Running/);
  });

  it('get with a label selector and -o json sees plain objects', async () => {
    const r = await k(['get', 'pods', '-n', 'shop', '-l', 'app=web', '-o', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { items: Array<{ metadata: { name: string }; status: { podIP: string } }> };
    expect(list.items).toHaveLength(DEMO_WEB.replicas);
    for (const p of list.items) expect(p.status.podIP).toMatch(/^10\.244\./);
  });

  it('get nodes -o wide shows InternalIP and ExternalIP', async () => {
    const r = await k(['get', 'nodes', '-o', 'wide']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/demo-worker-1\s+Ready\s+<none>\s+\S+\s+v1\.32\.4\s+10\.0\.0\.21\s+203\.0\.113\.21/);
  });

  it('cluster-info lists the kube-system cluster services', async () => {
    const r = await k(['cluster-info']);
    expect(r.code).toBe(0);
    const plain = r.stdout.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
    expect(plain).toContain(`Kubernetes control plane is running at ${cluster.url}`);
    expect(plain).toContain(`CoreDNS is running at ${cluster.url}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy`);
    expect(plain).toContain(
      `kubernetes-dashboard is running at ${cluster.url}/api/v1/namespaces/kube-system/services/https:kubernetes-dashboard:/proxy`,
    );
    expect(plain).toContain(
      `monitoring-grafana is running at ${cluster.url}/api/v1/namespaces/kube-system/services/monitoring-grafana/proxy`,
    );
  });

  it('auth whoami names the user of each context', async () => {
    const token = await k(['auth', 'whoami']);
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/Username\s+demo-admin/);
    expect(token.stdout).toMatch(/Groups\s+\[system:masters system:authenticated\]/);
    const basic = await k(['--context', 'demo-basic', 'auth', 'whoami']);
    expect(basic.stdout).toMatch(/Username\s+demo\n/);
    const cert = await k(['--context', 'demo-cert', 'auth', 'whoami']);
    expect(cert.stdout).toMatch(/Username\s+demo-cert-user/);
  });

  it('describe and get events show what the scheduler and kubelet reported', async () => {
    const d = await k(['describe', 'pod', '-n', 'shop', 'report-generator']);
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/Warning\s+FailedScheduling\s+.*default-scheduler\s+0\/4 nodes are available/);
    const ev = await k(['get', 'events', '-n', 'shop', '--field-selector', 'reason=BackOff']);
    expect(ev.stdout).toMatch(/Warning\s+BackOff\s+pod\/orders-84d6b7c9f5-\w{5}\s+Back-off restarting failed container orders/);
  });

  it('auth can-i denies exec and allows the rest', async () => {
    const exec = await k(['auth', 'can-i', 'create', 'pods', '--subresource=exec']);
    expect(exec.stdout).toMatch(/^no/);
    const list = await k(['auth', 'can-i', 'list', 'pods']);
    expect(list.stdout.trim()).toBe('yes');
  });

  it('exec is refused with Forbidden', async () => {
    const pod = await runningPod('web');
    const r = await k(['exec', pod, '--', 'ls']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Forbidden|forbidden/);
  });

  it('get svc -w sees a chaos change to a LoadBalancer', async () => {
    const w = kubectlLong(kubeconfig, home.home, ['get', 'svc', '-n', 'shop', '-w']);
    onTestFinished(() => w.stop());
    await w.waitFor(/storefront\s+LoadBalancer\s+\S+\s+203\.0\.113\.50/);
    cluster.chaos.setLoadBalancerIngress(DEMO_STOREFRONT.namespace, DEMO_STOREFRONT.service, '203.0.113.99');
    onTestFinished(() =>
      cluster.chaos.setLoadBalancerIngress(DEMO_STOREFRONT.namespace, DEMO_STOREFRONT.service, DEMO_STOREFRONT.ingressIP),
    );
    await w.waitFor(/storefront\s+LoadBalancer\s+\S+\s+203\.0\.113\.99/);
  });

  it('get pods -w sees a restarted pod terminate and its replacement start', async () => {
    const old = await runningPod('ticker');
    const w = kubectlLong(kubeconfig, home.home, ['get', 'pods', '-n', 'shop', '-l', 'app=ticker', '-w']);
    onTestFinished(() => w.stop());
    await w.waitFor(new RegExp(`${old}\\s+1/1\\s+Running`));
    const { newName } = await cluster.chaos.restartPod('shop', old);
    await w.waitFor(new RegExp(`${old}\\s+0/1\\s+Terminating`));
    await w.waitFor(new RegExp(`${newName}\\s+0/1\\s+ContainerCreating`));
    await w.waitFor(new RegExp(`${newName}\\s+1/1\\s+Running`));
  });

  it('proxy + an HTTP client reach a service through the apiserver service proxy', async () => {
    const p = kubectlLong(kubeconfig, home.home, ['proxy', '--port', '0']);
    onTestFinished(() => p.stop());
    const m = await p.waitFor(/Starting to serve on 127\.0\.0\.1:(\d+)/);
    const base = `http://127.0.0.1:${m[1]}/api/v1/namespaces/shop/services`;
    const page = await fetch(`${base}/web:http/proxy/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/Served by pod <code id="pod">web-5d8f7c9b6d-\w{5}<\/code>/);
    expect(html).toContain('href="/api/v1/namespaces/shop/services/web:http/proxy/static/style.css"');
    const products = await fetch(`${base}/api:http/proxy/products`);
    expect(((await products.json()) as { items: unknown[] }).items).toHaveLength(3);
    const none = await fetch(`${base}/orders/proxy/`);
    expect(none.status).toBe(503);
    expect(((await none.json()) as { message: string }).message).toBe('no endpoints available for service "orders"');
  });

  it('port-forward svc/web 0:80 reaches the web pods (SPDY over WebSocket)', async () => {
    const pf = kubectlLong(kubeconfig, home.home, ['port-forward', 'svc/web', '0:80']);
    onTestFinished(() => pf.stop());
    const m = await pf.waitFor(/Forwarding from 127\.0\.0\.1:(\d+) -> 8080/);
    const port = Number(m[1]);
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(await res.text()).toContain('Served by pod');
    // More than SPDY's 64 KiB initial window: kubectl never sends WINDOW_UPDATE.
    const big = Buffer.from(await (await fetch(`http://127.0.0.1:${port}/bytes?n=1000000`)).arrayBuffer());
    expect(big.length).toBe(1_000_000);
    expect(big[999_999]).toBe(999_999 % 251);
    expect(pf.stdout()).toContain(`Handling connection for ${port}`);
  });

  it('port-forward pod/echo round-trips bytes (SPDY/3.1 and SPDY over WebSocket)', async () => {
    const pod = await runningPod('echo');
    for (const env of [{}, { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' }] as Array<Record<string, string>>) {
      const pf = kubectlLong(kubeconfig, home.home, ['port-forward', `pod/${pod}`, `0:${DEMO_ECHO.containerPort}`], env);
      onTestFinished(() => pf.stop());
      const m = await pf.waitFor(/Forwarding from 127\.0\.0\.1:(\d+) -> 9000/);
      const payload = `hello from kubectl ${JSON.stringify(env)}\n`.repeat(50);
      expect(await echoRoundTrip(Number(m[1]), payload)).toBe(payload);
      expect(await echoRoundTrip(Number(m[1]), 'second connection\n')).toBe('second connection\n');
      await pf.stop();
    }
    // The WebSocket tunnel is a GET, plain SPDY a POST: both wire paths were exercised.
    const methods = cluster.requestLog.filter((r) => r.path === `/api/v1/namespaces/shop/pods/${pod}/portforward`).map((r) => r.method);
    expect(methods).toEqual(['GET', 'POST']);
  });

  it('port-forward reports a port nothing listens on as kubelet does', async () => {
    const pod = await runningPod('echo');
    const pf = kubectlLong(kubeconfig, home.home, ['port-forward', `pod/${pod}`, '0:9999']);
    onTestFinished(() => pf.stop());
    const m = await pf.waitFor(/Forwarding from 127\.0\.0\.1:(\d+) -> 9999/);
    const s = connect(Number(m[1]), '127.0.0.1');
    s.on('error', () => {});
    onTestFinished(() => {
      s.destroy();
    });
    await pf.waitFor(
      /an error occurred forwarding \d+ -> 9999: error forwarding port 9999 to pod [0-9a-f]{64}, uid : failed to connect to localhost:9999/,
      15_000,
      'stderr',
    );
  });

  it('port-forward loses its pod when chaos restarts it', async () => {
    const pod = await runningPod('echo');
    const pf = kubectlLong(kubeconfig, home.home, ['port-forward', `pod/${pod}`, '0:9000']);
    onTestFinished(() => pf.stop());
    const m = await pf.waitFor(/Forwarding from 127\.0\.0\.1:(\d+)/);
    expect(await echoRoundTrip(Number(m[1]), 'before\n')).toBe('before\n');
    await cluster.chaos.restartPod('shop', pod);
    await pf.waitFor(/lost connection to pod/, 15_000, 'stderr');
  });

  it('logs, delete and scale behave like a controller-managed cluster', async () => {
    const web = await runningPod('web');
    const logs = await k(['logs', '-n', 'shop', web]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain('listening on 8080');
    const del = await k(['delete', 'pod', '-n', 'shop', web]);
    expect(del.stdout).toContain(`pod "${web}" deleted`);
    const after = await k(['get', 'pods', '-n', 'shop', '-l', 'app=web', '-o', 'name']);
    const names = after.stdout.trim().split('\n');
    expect(names).toHaveLength(DEMO_WEB.replicas);
    expect(names).not.toContain(`pod/${web}`);
    const scale = await k(['scale', '-n', 'shop', 'deploy/web', '--replicas=3']);
    expect(scale.code).toBe(0);
    const three = await k(['get', 'endpoints', '-n', 'shop', 'web', '-o', 'jsonpath={.subsets[*].addresses[*].ip}']);
    expect(three.stdout.trim().split(' ')).toHaveLength(3);
    await k(['scale', '-n', 'shop', 'deploy/web', `--replicas=${DEMO_WEB.replicas}`]);
  });
});
