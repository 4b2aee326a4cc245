// The demo apiserver over real HTTPS: TLS and authentication, discovery, list/get/watch
// semantics, writes, bad input answered with the apiserver's Status, concurrency, chaos, and
// its lifetime (dispose frees the port; secrets stay out of logs).
import { connect as tlsConnect } from 'node:tls';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createLogger } from '../../../../electron/core/log.ts';
import { startDemoCluster, DEMO_WEB, type DemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { api } from './demo-support.ts';

let cluster: DemoCluster;

beforeAll(async () => {
  cluster = await startDemoCluster();
});

afterAll(async () => {
  await cluster?.dispose();
});

interface Status {
  kind: string;
  status: string;
  reason: string;
  code: number;
  message: string;
  details?: Record<string, unknown>;
}

function expectStatus(r: { status: number; headers: Record<string, unknown>; json<T>(): T }, code: number, reason: string): Status {
  expect(r.status).toBe(code);
  expect(r.headers['content-type']).toBe('application/json');
  const s = r.json<Status>();
  expect(s).toMatchObject({ kind: 'Status', status: 'Failure', reason, code });
  return s;
}

/** Reads a watch stream until `until` returns true for the events so far. */
function watch(
  path: string,
  until: (events: Array<{ type: string; object: Record<string, unknown> }>) => boolean,
  timeoutMs = 10_000,
): Promise<Array<{ type: string; object: Record<string, unknown> }>> {
  return new Promise((resolve, reject) => {
    const events: Array<{ type: string; object: Record<string, unknown> }> = [];
    const req = request(
      new URL(path, cluster.url),
      { ca: cluster.caPem, headers: { Authorization: `Bearer ${cluster.credentials.token}` }, agent: false },
      (res) => {
        let buf = '';
        res.on('data', (d: Buffer) => {
          buf += d.toString();
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            events.push(JSON.parse(buf.slice(0, nl)) as { type: string; object: Record<string, unknown> });
            buf = buf.slice(nl + 1);
          }
          if (until(events)) {
            clearTimeout(timer);
            req.destroy();
            resolve(events);
          }
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve(events);
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`watch timed out with ${JSON.stringify(events.map((e) => e.type))}`));
    }, timeoutMs);
    req.on('error', (err) => {
      if (!req.destroyed) reject(err);
    });
    req.end();
  });
}

describe('TLS and authentication', () => {
  it('serves a certificate that verifies against the demo CA for 127.0.0.1', async () => {
    const ok = await api(cluster, '/version');
    expect(ok.status).toBe(200);
    await expect(
      new Promise((resolve, reject) => {
        const s = tlsConnect({ host: '127.0.0.1', port: cluster.port, servername: undefined }, () => resolve(s.authorized));
        s.on('error', reject);
      }),
    ).rejects.toThrow(/self-signed|unable to verify|certificate/i);
  });

  it('answers anonymous and wrong-token requests with a 401 Status, health endpoints without', async () => {
    expectStatus(await api(cluster, '/api/v1/namespaces', { auth: 'none' }), 401, 'Unauthorized');
    const bad = expectStatus(await api(cluster, '/version', { auth: 'bad-token' }), 401, 'Unauthorized');
    expect(bad.message).toBe('Unauthorized');
    const h = await api(cluster, '/healthz', { auth: 'none' });
    expect([h.status, h.text]).toEqual([200, 'ok']);
    const ready = await api(cluster, '/readyz?verbose', { auth: 'none' });
    expect(ready.text).toContain('readyz check passed');
  });

  it.each([
    ['token', 'demo-admin'],
    ['basic', 'demo'],
    ['cert', 'demo-cert-user'],
  ] as const)('authenticates %s credentials (SelfSubjectReview)', async (auth, username) => {
    const r = await api(cluster, '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      method: 'POST',
      auth,
      body: '{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}',
    });
    expect(r.status).toBe(201);
    const review = r.json<{ status: { userInfo: { username: string; groups: string[] } } }>();
    expect(review.status.userInfo.username).toBe(username);
    expect(review.status.userInfo.groups).toContain('system:authenticated');
  });

  it('writes a kubeconfig with three contexts, the CA as data, mode 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubedesk-demo-kc-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const path = await cluster.writeKubeconfig(join(dir, 'nested'));
    expect(path).toBe(join(dir, 'nested', 'kubeconfig'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('insecure-skip-tls-verify');
    const kc = parseYaml(text) as {
      'current-context': string;
      contexts: Array<{ name: string }>;
      clusters: Array<{ cluster: Record<string, string> }>;
    };
    expect(kc['current-context']).toBe('demo');
    expect(kc.contexts.map((c) => c.name)).toEqual(['demo', 'demo-basic', 'demo-cert']);
    expect(Buffer.from(kc.clusters[0]!.cluster['certificate-authority-data']!, 'base64').toString()).toBe(cluster.caPem);
    expect(kc.clusters[0]!.cluster['server']).toBe(cluster.url);
  });
});

describe('discovery', () => {
  it('serves /version, /api, /apis and resource lists with verbs and shortNames', async () => {
    expect((await api(cluster, '/version')).json()).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.4' });
    expect((await api(cluster, '/api')).json()).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await api(cluster, '/apis')).json<{ groups: Array<{ name: string }> }>().groups.map((g) => g.name);
    expect(groups).toEqual(expect.arrayContaining(['apps', 'discovery.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io']));
    const v1 = (await api(cluster, '/api/v1')).json<{ resources: Array<{ name: string; shortNames?: string[]; verbs: string[] }> }>();
    const svc = v1.resources.find((r) => r.name === 'services');
    expect(svc).toMatchObject({ shortNames: ['svc'] });
    expect(svc?.verbs).toEqual(expect.arrayContaining(['get', 'list', 'watch']));
    expect(v1.resources.map((r) => r.name)).toEqual(expect.arrayContaining(['pods/portforward', 'services/proxy', 'pods/log']));
    expect(
      (await api(cluster, '/apis/apps/v1'))
        .json<{ resources: Array<{ name: string; shortNames?: string[] }> }>()
        .resources.find((r) => r.name === 'deployments')?.shortNames,
    ).toEqual(['deploy']);
  });
});

describe('reads', () => {
  it('lists with labelSelector, fieldSelector=metadata.name and limit/continue', async () => {
    const web = (await api(cluster, '/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb')).json<{
      kind: string;
      items: Array<{ metadata: { name: string }; kind?: string }>;
    }>();
    expect(web.kind).toBe('PodList');
    expect(web.items).toHaveLength(DEMO_WEB.replicas);
    const notin = (await api(cluster, '/api/v1/namespaces/shop/pods?labelSelector=app%20notin%20(web,api),tier')).json<{
      items: unknown[];
    }>();
    expect(notin.items).toHaveLength(0);
    const byName = (await api(cluster, '/api/v1/services?fieldSelector=metadata.name%3Dkube-dns')).json<{
      items: Array<{ metadata: { namespace: string } }>;
    }>();
    expect(byName.items.map((i) => i.metadata.namespace)).toEqual(['kube-system']);
    const page1 = (await api(cluster, '/api/v1/pods?limit=5')).json<{
      metadata: { continue?: string; remainingItemCount?: number };
      items: Array<{ metadata: { name: string } }>;
    }>();
    expect(page1.items).toHaveLength(5);
    expect(page1.metadata.continue).toBeTruthy();
    const all = (await api(cluster, '/api/v1/pods'))
      .json<{ items: Array<{ metadata: { name: string } }> }>()
      .items.map((i) => i.metadata.name);
    expect(page1.metadata.remainingItemCount).toBe(all.length - 5);
    const page2 = (await api(cluster, `/api/v1/pods?limit=500&continue=${encodeURIComponent(page1.metadata.continue!)}`)).json<{
      items: Array<{ metadata: { name: string } }>;
    }>();
    expect([...page1.items, ...page2.items].map((i) => i.metadata.name)).toEqual(all);
  });

  it('gets one object as JSON with kind/apiVersion, or as a Table when asked', async () => {
    const r = await api(cluster, '/api/v1/namespaces/kube-system/services/kube-dns', {
      headers: { Accept: 'application/vnd.kubernetes.protobuf, */*' },
    });
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.json()).toMatchObject({
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { labels: { 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' } },
    });
    const t = (
      await api(cluster, '/api/v1/namespaces/shop/services', {
        headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
      })
    ).json<{
      kind: string;
      columnDefinitions: Array<{ name: string }>;
      rows: Array<{ cells: unknown[]; object: { kind: string } }>;
    }>();
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.map((c) => c.name).slice(0, 6)).toEqual(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age']);
    expect(t.rows.find((row) => row.cells[0] === 'storefront')?.cells.slice(1, 5)).toEqual([
      'LoadBalancer',
      expect.stringMatching(/^10\.96\./),
      '203.0.113.50',
      '80:31080/TCP',
    ]);
    expect(t.rows[0]!.object.kind).toBe('PartialObjectMetadata');
  });

  it('default/kubernetes endpoints name two apiserver addresses', async () => {
    const ep = (await api(cluster, '/api/v1/namespaces/default/endpoints/kubernetes')).json<{
      subsets: Array<{ addresses: Array<{ ip: string }>; ports: Array<{ port: number }> }>;
    }>();
    expect(ep.subsets[0]!.addresses.map((a) => a.ip)).toEqual(['10.0.0.10', '10.0.0.11']);
    expect(ep.subsets[0]!.ports[0]!.port).toBe(6443);
    const slices = (
      await api(cluster, '/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dweb')
    ).json<{ items: Array<{ endpoints: unknown[]; ports: Array<{ name: string; port: number }> }> }>();
    expect(slices.items).toHaveLength(1);
    expect(slices.items[0]!.endpoints).toHaveLength(DEMO_WEB.replicas);
    expect(slices.items[0]!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });
});

describe('bad input gets the apiserver Status, never a crash', () => {
  it('malformed JSON body → 400 BadRequest', async () => {
    const s = expectStatus(
      await api(cluster, '/api/v1/namespaces/shop/configmaps', { method: 'POST', body: '{"kind": "ConfigMap", ' }),
      400,
      'BadRequest',
    );
    expect(s.message).toMatch(/^couldn't get version\/kind; json parse error/);
    expectStatus(
      await api(cluster, '/apis/authentication.k8s.io/v1/selfsubjectreviews', { method: 'POST', body: 'nope' }),
      400,
      'BadRequest',
    );
    expectStatus(await api(cluster, '/api/v1/namespaces/shop/configmaps', { method: 'POST', body: '' }), 400, 'BadRequest');
  });

  it('unknown resource, group or object → 404 NotFound', async () => {
    const s = expectStatus(await api(cluster, '/api/v1/widgets'), 404, 'NotFound');
    expect(s.message).toBe('the server could not find the requested resource');
    expectStatus(await api(cluster, '/apis/example.com/v1/things'), 404, 'NotFound');
    const missing = expectStatus(await api(cluster, '/api/v1/namespaces/shop/pods/nope'), 404, 'NotFound');
    expect(missing).toMatchObject({ message: 'pods "nope" not found', details: { name: 'nope', kind: 'pods' } });
    const dep = expectStatus(await api(cluster, '/apis/apps/v1/namespaces/shop/deployments/nope'), 404, 'NotFound');
    expect(dep.message).toBe('deployments.apps "nope" not found');
  });

  it('bad label or field selector → 400 BadRequest', async () => {
    const l = expectStatus(await api(cluster, '/api/v1/pods?labelSelector=app%3D%3D%3Dweb'), 400, 'BadRequest');
    expect(l.message).toMatch(/unable to parse requirement|found '/);
    const f = expectStatus(await api(cluster, '/api/v1/pods?fieldSelector=spec.foo%3Dbar'), 400, 'BadRequest');
    expect(f.message).toBe('field label not supported: spec.foo');
    expectStatus(await api(cluster, '/api/v1/pods?watch=1&labelSelector=(((('), 400, 'BadRequest');
  });

  it('exec is Forbidden and a plain portforward request needs an upgrade', async () => {
    const pods = (await api(cluster, '/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb')).json<{
      items: Array<{ metadata: { name: string } }>;
    }>();
    const name = pods.items[0]!.metadata.name;
    const s = expectStatus(
      await api(cluster, `/api/v1/namespaces/shop/pods/${name}/exec?command=ls`, { method: 'POST' }),
      403,
      'Forbidden',
    );
    expect(s.message).toContain('cannot create resource "pods/exec"');
    const pf = expectStatus(await api(cluster, `/api/v1/namespaces/shop/pods/${name}/portforward?ports=8080`), 400, 'BadRequest');
    expect(pf.message).toBe('Upgrade request required');
  });

  it('keeps serving after 500 concurrent connections', async () => {
    const results = await Promise.all(
      Array.from({ length: 500 }, () =>
        api(cluster, '/api/v1/namespaces/shop/services').then(
          (r) => r.status,
          (e: Error) => e.message,
        ),
      ),
    );
    expect(results.filter((r) => r !== 200)).toEqual([]);
    expect((await api(cluster, '/version')).status).toBe(200);
  });
});

describe('writes', () => {
  it('creates, conflicts, patches, lists and deletes a ConfigMap', async () => {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', labels: { a: '1' } }, data: { k: 'v' } });
    const created = await api(cluster, '/api/v1/namespaces/shop/configmaps', { method: 'POST', body });
    expect(created.status).toBe(201);
    expectStatus(await api(cluster, '/api/v1/namespaces/shop/configmaps', { method: 'POST', body }), 409, 'AlreadyExists');
    const patched = await api(cluster, '/api/v1/namespaces/shop/configmaps/cfg', {
      method: 'PATCH',
      body: '{"data":{"k":"w"}}',
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    expect(patched.json()).toMatchObject({ data: { k: 'w' } });
    const del = await api(cluster, '/api/v1/namespaces/shop/configmaps/cfg', { method: 'DELETE' });
    expect(del.status).toBe(200);
    expectStatus(await api(cluster, '/api/v1/namespaces/shop/configmaps/cfg'), 404, 'NotFound');
    expectStatus(await api(cluster, '/api/v1/namespaces/kube-system', { method: 'DELETE' }), 403, 'Forbidden');
  });
});

describe('watch', () => {
  it('streams current objects, then changes; label selector turns leaving into DELETED', async () => {
    const list = (await api(cluster, '/api/v1/namespaces/shop/configmaps')).json<{ metadata: { resourceVersion: string } }>();
    const body = JSON.stringify({ metadata: { name: 'watched', labels: { watch: 'me' } } });
    const seen = watch(
      `/api/v1/namespaces/shop/configmaps?watch=1&labelSelector=watch%3Dme&resourceVersion=${list.metadata.resourceVersion}`,
      (e) => e.length >= 3,
    );
    await new Promise((r) => setTimeout(r, 100));
    await api(cluster, '/api/v1/namespaces/shop/configmaps', { method: 'POST', body });
    await api(cluster, '/api/v1/namespaces/shop/configmaps/watched', {
      method: 'PATCH',
      body: '{"data":{"x":"1"}}',
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    await api(cluster, '/api/v1/namespaces/shop/configmaps/watched', {
      method: 'PATCH',
      body: '{"metadata":{"labels":{"watch":null}}}',
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
    });
    const events = await seen;
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(events[0]!.object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'watched' } });
    await api(cluster, '/api/v1/namespaces/shop/configmaps/watched', { method: 'DELETE' });
  });

  it('answers a resourceVersion older than its history with a 410 Expired ERROR event', async () => {
    const events = await watch('/api/v1/namespaces/shop/pods?watch=true&resourceVersion=1', () => false);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });

  it('sees a chaos restart in pods and endpoints; the proxy reaches the new pod', async () => {
    const before = (await api(cluster, '/api/v1/namespaces/shop/endpoints/ticker')).json<{
      metadata: { resourceVersion: string };
      subsets: Array<{ addresses: Array<{ targetRef: { name: string } }> }>;
    }>();
    const old = before.subsets[0]!.addresses[0]!.targetRef.name;
    const eps = watch(
      `/api/v1/namespaces/shop/endpoints?watch=1&fieldSelector=metadata.name%3Dticker&resourceVersion=${before.metadata.resourceVersion}`,
      (e) => e.length >= 2,
    );
    await new Promise((r) => setTimeout(r, 100));
    const { oldName, newName } = await cluster.chaos.restartPod('shop', old);
    expect(oldName).toBe(old);
    expect(newName).toMatch(/^ticker-7b6d5f8c9d-\w{5}$/);
    expect(newName).not.toBe(old);
    const events = await eps;
    expect(events.map((e) => e.type)).toEqual(['MODIFIED', 'MODIFIED']);
    const last = events[1]!.object as { subsets: Array<{ addresses: Array<{ targetRef: { name: string } }> }> };
    expect(last.subsets[0]!.addresses[0]!.targetRef.name).toBe(newName);
    const r = await api(cluster, '/api/v1/namespaces/shop/services/ticker:http/proxy/?count=2&interval=20');
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/^tick 1 .*\ntick 2 /);
    expect(r.headers['x-demo-pod']).toBe(newName);
  });
});

describe('chaos and lifetime', () => {
  it('adds latency to every request', async () => {
    cluster.chaos.setLatency(300);
    onTestFinished(() => cluster.chaos.setLatency(0));
    const t = Date.now();
    await api(cluster, '/version');
    expect(Date.now() - t).toBeGreaterThanOrEqual(290);
  });

  it('refuses connections for N seconds, then serves again on the same port', async () => {
    const c = await startDemoCluster();
    onTestFinished(() => c.dispose());
    c.chaos.refuseConnections(1);
    await new Promise((r) => setTimeout(r, 50));
    await expect(api(c, '/version')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await new Promise((r) => setTimeout(r, 1200));
    expect((await api(c, '/version')).status).toBe(200);
  });

  it('records requests, marking unauthenticated ones', async () => {
    const c = await startDemoCluster();
    onTestFinished(() => c.dispose());
    await api(c, '/api/v1/namespaces', { auth: 'none' });
    await api(c, '/api/v1/pods');
    expect(c.requestLog).toEqual([
      { method: 'GET', path: '/api/v1/namespaces', authenticated: false },
      { method: 'GET', path: '/api/v1/pods', authenticated: true },
    ]);
  });

  it('dispose closes the port and is idempotent; secrets never reach the log', async () => {
    const lines: string[] = [];
    const c = await startDemoCluster({ log: createLogger({ level: 'debug', write: (l) => lines.push(l) }) });
    await api(c, '/api/v1/pods');
    await api(c, '/api/v1/pods', { auth: 'basic' });
    await Promise.all([c.dispose(), c.dispose()]);
    await c.dispose();
    const text = lines.join('');
    expect(text).toContain('demo cluster started');
    for (const secret of [c.credentials.token, c.credentials.password, c.credentials.clientKeyPem.split('\n')[1]!])
      expect(text).not.toContain(secret);
    expect(JSON.stringify(c.credentials)).not.toContain(c.credentials.token);
    await new Promise<void>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(c.port, '127.0.0.1', () => s.close(() => resolve()));
    });
  });
});
