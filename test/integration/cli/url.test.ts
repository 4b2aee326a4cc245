// `kubedesk url` as a real process (docs/cli.md `url`, docs/service-proxy.md): the URL on line 1, usage and
// context errors; then the URL it builds is opened on the demo cluster, directly with the demo's token
// and through a running `kubedesk proxy`, and the shop's web backend answers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../../electron/core/demo/demo-cluster.ts';
import { probe } from '../../support/http-probe.ts';
import { runCli, startCli } from '../../support/run-cli.ts';
import { api } from '../core/demo/demo-support.ts';

/** An empty app store, so only the test's kubeconfig is seen. */
const ENV = { env: { KUBEDESK_HOME: mkdtempSync(join(tmpdir(), 'kd-url-home-')) } };

function kubeconfigFile(server: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kd-url-cli-')), 'kubeconfig');
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
current-context: a
clusters: [{name: c, cluster: {server: "${server}"}}]
users: [{name: u, user: {token: not-read}}]
contexts: [{name: a, context: {cluster: c, user: u}}, {name: sys, context: {cluster: c, user: u, namespace: kube-system}}]
`,
  );
  return file;
}

describe('kubedesk url: the command (docs/cli.md)', () => {
  const kc = kubeconfigFile('https://h:6443/k8s/clusters/c1');

  it('prints exactly the URL, namespace from -n (conformance case 40)', async () => {
    const r = await runCli(['url', '--kubeconfig', kc, '-n', 'kube-system', 'kube-dns:dns'], ENV);
    expect(r).toEqual({
      code: 0,
      stdout: 'https://h:6443/k8s/clusters/c1/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy/\n',
      stderr: '',
    });
  });

  it('defaults to the context namespace, else default; https:NAME becomes https:NAME: (conformance case 40)', async () => {
    const dflt = await runCli(['url', '--kubeconfig', kc, 'https:dash'], ENV);
    expect(dflt.stdout).toBe('https://h:6443/k8s/clusters/c1/api/v1/namespaces/default/services/https:dash:/proxy/\n');
    const sys = await runCli(['url', '--kubeconfig', kc, '--context', 'sys', 'es:9200', '_search?q=user:kimchy'], ENV);
    expect(sys.stdout).toBe('https://h:6443/k8s/clusters/c1/api/v1/namespaces/kube-system/services/es:9200/proxy/_search?q=user:kimchy\n');
  });

  it('--local-proxy adds a second line with the same target through kubedesk proxy', async () => {
    const r = await runCli(['url', '--kubeconfig', kc, '--local-proxy', '127.0.0.1:8001', 'web:http'], ENV);
    expect(r.stdout.split('\n')).toEqual([
      'https://h:6443/k8s/clusters/c1/api/v1/namespaces/default/services/web:http/proxy/',
      'Through kubedesk proxy: http://127.0.0.1:8001/api/v1/namespaces/default/services/web:http/proxy/',
      '',
    ]);
  });

  it('a bad service argument is a usage error (exit 2) naming it', async () => {
    const r = await runCli(['url', '--kubeconfig', kc, 'a:b:c:d'], ENV);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('error: invalid service "a:b:c:d": expected [https:]NAME[:PORT]');
    expect(r.stdout).toBe('');
  });

  it('an unknown context exits 1 naming it', async () => {
    const r = await runCli(['url', '--kubeconfig', kc, '--context', 'nope', 'web'], ENV);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'error: context was not found for specified context: nope\n' });
  });
});

describe('kubedesk url: the URL reaches the backend on the demo cluster', () => {
  let demo: DemoCluster;
  let kubeconfig: string;
  beforeAll(async () => {
    demo = await startDemoCluster();
    kubeconfig = await demo.writeKubeconfig(mkdtempSync(join(tmpdir(), 'kd-url-demo-')));
  });
  afterAll(async () => {
    await demo?.dispose();
  });

  it('the shop web service answers at the URL, directly and through kubedesk proxy, with path and query intact', async () => {
    const proxy = startCli(['proxy', '--kubeconfig', kubeconfig, '--port', '0'], ENV);
    const [, port] = await proxy.waitForLine(/^Starting to serve on 127\.0\.0\.1:(\d+)$/);
    const r = await runCli(
      ['url', '--kubeconfig', kubeconfig, '-n', 'shop', '--local-proxy', `127.0.0.1:${port}`, 'web:http', 'headers?q=user:kimchy'],
      ENV,
    );
    expect(r.stderr).toBe('');
    const [direct, local] = r.stdout.trimEnd().split('\n') as [string, string];
    expect(direct).toBe(`${demo.url}/api/v1/namespaces/shop/services/web:http/proxy/headers?q=user:kimchy`);

    // Directly, with the demo's token (the URL is on the demo's server).
    const viaApi = await api(demo, direct.slice(demo.url.length));
    expect(viaApi.status).toBe(200);
    expect(viaApi.json<{ url: string }>().url).toBe('/headers?q=user:kimchy');

    // Through the running proxy, which adds the credentials.
    const localUrl = new URL(local.replace(/^Through kubedesk proxy: /, ''));
    const viaProxy = await probe(Number(port), localUrl.pathname + localUrl.search);
    expect(viaProxy.status).toBe(200);
    expect((JSON.parse(viaProxy.body) as { url: string }).url).toBe('/headers?q=user:kimchy');
  });
});
