import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bypassed, proxyFor } from '../../../../electron/core/cluster/proxy-agent.ts';
import { kubeJson } from '../../../../electron/core/cluster/kube-request.ts';
import { startRecordingApiserver, type RecordingApiserver } from '../../../fakes/recording-apiserver.ts';
import { setup } from '../../../support/kubedesk-fixtures.ts';
import { startTunnelProxy, tunnelKubeconfig } from '../../../fakes/tunnel-proxies.ts';

describe('proxy-url and the proxy env (docs/kubeconfig.md, Clusters)', () => {
  it('NO_PROXY: *, hosts, subdomains, .domain, host:port, CIDR', () => {
    expect(bypassed('a.example.com', '443', 'example.com')).toBe(true);
    expect(bypassed('example.com', '443', '.example.com')).toBe(false);
    expect(bypassed('a.example.com', '443', '.example.com')).toBe(true);
    expect(bypassed('k', '6443', 'k:443')).toBe(false);
    expect(bypassed('k', '6443', 'k:6443')).toBe(true);
    expect(bypassed('10.1.2.3', '443', '10.0.0.0/8')).toBe(true);
    expect(bypassed('anything', '1', '*')).toBe(true);
    expect(bypassed('other.org', '443', 'example.com, 10.0.0.0/8')).toBe(false);
  });

  it('proxy-url wins; else HTTPS_PROXY for https servers; loopback is never proxied', () => {
    const s = new URL('https://k.example:6443');
    expect(proxyFor(s, 'socks5://p:1080', {})!.href).toBe('socks5://p:1080');
    expect(proxyFor(s, undefined, { HTTPS_PROXY: 'proxy:3128' })!.href).toBe('http://proxy:3128/');
    expect(proxyFor(s, undefined, { https_proxy: 'http://p2:8080', NO_PROXY: '.example' })).toBeUndefined();
    expect(proxyFor(new URL('https://127.0.0.1:6443'), undefined, { HTTPS_PROXY: 'proxy:3128' })).toBeUndefined();
    expect(proxyFor(new URL('http://k:80'), undefined, { HTTPS_PROXY: 'proxy:3128' })).toBeUndefined();
  });
});

describe('requests go through the proxy-url tunnel, TLS to the apiserver inside it', () => {
  let api: RecordingApiserver;
  beforeAll(async () => {
    api = await startRecordingApiserver();
  });
  afterAll(() => api.dispose());

  it.each(['connect', 'socks5'] as const)('%s', async (kind) => {
    const proxy = await startTunnelProxy(kind);
    try {
      const file = tunnelKubeconfig(api, proxy.url, 'via-proxy');
      const s = setup({ files: [file] });
      const conn = await s.provider.connect();
      await kubeJson(conn, { path: '/version' });
      await kubeJson(conn, { path: '/api' });
      conn.dispose();
      expect(proxy.targets).toEqual([`localhost:${api.port}`]);
      expect(api.requests.at(-1)!.headers.authorization).toBe('Bearer via-proxy');
    } finally {
      proxy.server.close();
    }
  });
});
