import { describe, expect, it } from 'vitest';
import { toServiceRecord } from '../../../../../electron/core/services/discovery/records.ts';
import { summarize } from '../../../../../electron/core/services/discovery/summary.ts';
import { SERVER, service } from './fixtures.ts';

const READY = { state: 'ready' as const, ready: 1, notReady: 0, reasons: [] };
const PROXY = `${SERVER}/api/v1/namespaces/shop/services`;

describe('service summaries', () => {
  it('links each port through the apiserver service proxy, by port name, else number, https for 443 (as `kubedesk url` builds it)', () => {
    const s = summarize(
      toServiceRecord(
        service('api', {
          ports: [
            { name: 'http', port: 80, targetPort: 'http' },
            { port: 8443, targetPort: 8443 },
            { name: 'tls', port: 443, targetPort: 8443 },
          ],
        }),
      ),
      READY,
      SERVER,
    );
    expect(s.proxyUrls).toEqual([`${PROXY}/api:http/proxy/`, `${PROXY}/api:8443/proxy/`, `${PROXY}/https:api:tls/proxy/`]);
    expect(s.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: null },
      { name: '', port: 8443, targetPort: 8443, protocol: 'TCP', nodePort: null },
      { name: 'tls', port: 443, targetPort: 8443, protocol: 'TCP', nodePort: null },
    ]);
  });

  it('keeps the server path (Rancher-style servers) in proxy URLs', () => {
    const s = summarize(toServiceRecord(service('web')), READY, 'https://h:6443/k8s/clusters/c1');
    expect(s.proxyUrls).toEqual(['https://h:6443/k8s/clusters/c1/api/v1/namespaces/shop/services/web:http/proxy/']);
  });

  it('lists LoadBalancer ingress (ip or hostname) and externalIPs as ADDRESS:PORT per port', () => {
    const lb = service('storefront', {
      type: 'LoadBalancer',
      ports: [
        { name: 'http', port: 80, nodePort: 31080 },
        { name: 'https', port: 443, nodePort: 31443 },
      ],
      ingress: [{ ip: '203.0.113.50' }, { hostname: 'lb.example.com' }],
      externalIPs: ['198.51.100.7'],
    });
    const s = summarize(toServiceRecord(lb), READY, SERVER);
    expect(s.external).toEqual([
      '203.0.113.50:80',
      '203.0.113.50:443',
      'lb.example.com:80',
      'lb.example.com:443',
      '198.51.100.7:80',
      '198.51.100.7:443',
    ]);
    expect(s.ports.map((p) => p.nodePort)).toEqual([31080, 31443]);
    expect(summarize(toServiceRecord(service('c', { externalIPs: ['2001:db8::1'] })), READY, SERVER).external).toEqual([
      '[2001:db8::1]:80',
    ]);
  });

  it('marks headless services and keeps ExternalName without a cluster IP or selector', () => {
    const headless = summarize(toServiceRecord(service('web-headless', { clusterIP: 'None', selector: { app: 'web' } })), READY, SERVER);
    expect(headless).toMatchObject({ headless: true, clusterIP: 'None', selector: { app: 'web' }, created: '2026-01-01T00:00:00Z' });
    const ext = summarize(
      toServiceRecord(service('ext', { type: 'ExternalName', externalName: 'db.example.com', ports: [] })),
      READY,
      SERVER,
    );
    expect(ext).toMatchObject({ type: 'ExternalName', headless: false, clusterIP: null, selector: null, external: [], proxyUrls: [] });
  });
});
