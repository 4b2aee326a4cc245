// The apiserver proxy subresource on the demo (docs/service-proxy.md): id forms, the 301 to the slash
// form, the apiserver's Status errors, link and Location rewriting, forwarded headers without
// the caller's credentials, HTTPS backends, pod and node proxies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { api } from './demo-support.ts';

let cluster: DemoCluster;
const SVC = '/api/v1/namespaces/shop/services';

beforeAll(async () => {
  cluster = await startDemoCluster();
});

afterAll(async () => {
  await cluster?.dispose();
});

describe('service proxy', () => {
  it('redirects the bare proxy path to the slash form, keeping the query (docs/service-proxy.md, Behaviour)', async () => {
    const r = await api(cluster, `${SVC}/web:http/proxy?x=1`);
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe(`${SVC}/web:http/proxy/?x=1`);
  });

  it('reaches the web page by port name and by port number, rewriting absolute links', async () => {
    for (const id of ['web:http', 'web:80']) {
      const r = await api(cluster, `${SVC}/${id}/proxy/`);
      expect(r.status).toBe(200);
      expect(r.text).toContain(`href="${SVC}/${id}/proxy/static/style.css"`);
      expect(r.text).toContain('href="healthz"');
    }
  });

  it('forwards X-Forwarded-* and strips the caller Authorization', async () => {
    const r = await api(cluster, `${SVC}/web:http/proxy/headers?q=1`);
    const seen = r.json<{ url: string; headers: Record<string, string> }>();
    expect(seen.url).toBe('/headers?q=1');
    expect(seen.headers['authorization']).toBeUndefined();
    expect(seen.headers['x-forwarded-uri']).toBe(`${SVC}/web:http/proxy/headers?q=1`);
    expect(seen.headers['x-forwarded-proto']).toBe('https');
    expect(seen.headers['host']).toMatch(/^10\.244\.\d+\.\d+:8080$/);
  });

  it('answers with the apiserver errors (docs/service-proxy.md, Behaviour table)', async () => {
    const cases: Array<[string, number, string]> = [
      [`${SVC}/orders/proxy/`, 503, 'no endpoints available for service "orders"'],
      [`${SVC}/web:81/proxy/`, 503, 'no service port 81 found for service "web"'],
      [`${SVC}/ftp:web:80/proxy/`, 400, 'invalid service request "ftp:web:80"'],
      [`${SVC}/nope/proxy/`, 404, 'endpoints "nope" not found'],
      [`${SVC}/nope:80/proxy/`, 404, 'services "nope" not found'],
      [`${SVC}/web:metrics/proxy/`, 503, 'no endpoints available for service "web:metrics"'],
      [`${SVC}/legacy-db:postgres/proxy/`, 503, 'error trying to reach service: dial tcp 192.168.50.10:5432: connect: connection refused'],
    ];
    for (const [path, code, message] of cases) {
      const r = await api(cluster, path);
      expect([path, r.status, r.json<{ message: string }>().message]).toEqual([path, code, message]);
    }
  });

  it('rewrites a backend redirect Location and reaches an HTTPS backend with https:NAME:', async () => {
    const grafana = await api(cluster, '/api/v1/namespaces/kube-system/services/monitoring-grafana/proxy/');
    expect(grafana.status).toBe(302);
    expect(grafana.headers.location).toBe('/api/v1/namespaces/kube-system/services/monitoring-grafana/proxy/login');
    const dash = await api(cluster, '/api/v1/namespaces/kube-system/services/https:kubernetes-dashboard:/proxy/');
    expect(dash.status).toBe(200);
    expect(dash.text).toContain('Kubernetes Dashboard (demo)');
  });

  it('streams a slow chunked backend as it writes', async () => {
    const r = await api(cluster, `${SVC}/ticker:http/proxy/?count=3&interval=30`);
    expect(
      r.text
        .trim()
        .split('\n')
        .map((l) => l.split(' ').slice(0, 2).join(' ')),
    ).toEqual(['tick 1', 'tick 2', 'tick 3']);
  });

  it('reaches the two ports of the api service', async () => {
    expect((await api(cluster, `${SVC}/api:http/proxy/products/2`)).json()).toMatchObject({ name: 'Helm sticker pack' });
    expect((await api(cluster, `${SVC}/api:metrics/proxy/metrics`)).text).toContain('demo_up{pod="api-6f9c8d7b5c-');
  });

  it('the kubernetes service reaches the apiserver itself (which wants credentials)', async () => {
    const r = await api(cluster, '/api/v1/namespaces/default/services/https:kubernetes:https/proxy/version');
    expect(r.status).toBe(401);
  });
});

describe('pod and node proxy', () => {
  it('proxies to a pod, defaulting to its first container port', async () => {
    const pods = (await api(cluster, '/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb')).json<{
      items: Array<{ metadata: { name: string } }>;
    }>();
    const name = pods.items[0]!.metadata.name;
    const r = await api(cluster, `/api/v1/namespaces/shop/pods/${name}/proxy/healthz`);
    expect([r.status, r.text]).toEqual([200, 'ok\n']);
    expect((await api(cluster, `/api/v1/namespaces/shop/pods/${name}:8080/proxy/`)).text).toContain(name);
    const pending = await api(cluster, '/api/v1/namespaces/shop/pods/report-generator/proxy/');
    expect([pending.status, pending.json<{ message: string }>().message]).toEqual([400, 'address not allowed']);
  });

  it('a node proxy has no kubelet to reach', async () => {
    const r = await api(cluster, '/api/v1/nodes/demo-worker-1/proxy/healthz');
    expect([r.status, r.json<{ message: string }>().message]).toEqual([
      503,
      'error trying to reach service: dial tcp 10.0.0.21:10250: connect: connection refused',
    ]);
  });
});
