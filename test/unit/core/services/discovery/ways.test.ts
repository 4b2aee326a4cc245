import { describe, expect, it } from 'vitest';
import type { WayToConnect } from '../../../../../electron/shared/contract/services.ts';
import type { KubeObject } from '../../../../../electron/core/kube/kube-objects.ts';
import { KubeDeskError } from '../../../../../electron/core/errors.ts';
import { toNodeRecord, toPodRecord, toServiceRecord, toSliceRecord } from '../../../../../electron/core/services/discovery/records.ts';
import { detailFromCache } from '../../../../../electron/core/services/discovery/service-detail.ts';
import { ServiceCache } from '../../../../../electron/core/services/discovery/service-cache.ts';
import { node, pod, SERVER, service, slice } from './fixtures.ts';

function detail(svc: KubeObject, objs: { slices?: KubeObject[]; pods?: KubeObject[]; nodes?: KubeObject[] } = {}) {
  const cache = new ServiceCache({ dirty: () => {}, removed: () => {} });
  cache.upsertService(toServiceRecord(svc));
  cache.replaceEndpoints((objs.slices ?? []).map(toSliceRecord));
  cache.replacePods((objs.pods ?? []).map(toPodRecord));
  cache.replaceNodes((objs.nodes ?? []).map(toNodeRecord));
  return detailFromCache('demo', cache, 'shop', svc.metadata.name, SERVER);
}

const of = (ways: WayToConnect[], w: WayToConnect['way']): WayToConnect[] => ways.filter((x) => x.way === w);
/** One ready web pod behind service `name`. */
const webPods = (name: string): { slices: KubeObject[]; pods: KubeObject[] } => ({
  slices: [slice(name, [{ ip: '10.244.2.5', pod: 'web-1', ready: true, node: 'node-1' }])],
  pods: [pod('web-1', { app: 'web' }, 'running', { ip: '10.244.2.5' })],
});

describe('ways to connect', () => {
  it('offers the API proxy URL, a forward command, cluster DNS and kubectl exec into a ready pod', () => {
    const d = detail(service('web', { selector: { app: 'web' } }), webPods('web'));
    expect(of(d.ways, 'api-proxy')).toEqual([
      {
        way: 'api-proxy',
        port: 'http',
        label: 'API proxy',
        value: `${SERVER}/api/v1/namespaces/shop/services/web:http/proxy/`,
        available: true,
      },
    ]);
    expect(of(d.ways, 'port-forward')[0]).toMatchObject({ value: 'kubedesk forward -n shop svc/web :80', available: true });
    expect(of(d.ways, 'cluster-dns')[0]).toMatchObject({ value: 'web.shop.svc:80', available: true });
    expect(of(d.ways, 'kubectl-exec')[0]).toMatchObject({
      value: 'kubectl exec -n shop -it web-1 -- wget -qO- http://web.shop.svc:80/',
      available: true,
    });
    expect(of(d.ways, 'node-port')).toEqual([]);
    expect(of(d.ways, 'load-balancer')).toEqual([]);
    expect(of(d.ways, 'pod-address')).toEqual([]);
    expect(d.pods).toEqual([{ name: 'web-1', ip: '10.244.2.5', ready: true, node: 'node-1', reason: null }]);
    expect(d.service.readiness.state).toBe('ready');
  });

  it('says why the proxy and a forward cannot work: no ready endpoints, no selector, UDP', () => {
    const none = detail(service('orders', { selector: { app: 'orders' } }), {
      slices: [slice('orders', [{ ip: '10.244.0.9', pod: 'orders-1', ready: false }])],
      pods: [pod('orders-1', { app: 'orders' }, 'crashloop', { ip: '10.244.0.9' })],
    });
    expect(of(none.ways, 'api-proxy')[0]).toMatchObject({ available: false, reason: 'no ready endpoints' });
    expect(of(none.ways, 'port-forward')[0]).toMatchObject({ available: false, reason: 'no ready endpoints' });
    expect(of(none.ways, 'kubectl-exec')[0]).toMatchObject({ available: false });
    expect(none.pods).toEqual([{ name: 'orders-1', ip: '10.244.0.9', ready: false, node: 'node-1', reason: 'CrashLoopBackOff' }]);

    const noSelector = detail(service('legacy-db', { ports: [{ name: 'postgres', port: 5432 }] }));
    expect(of(noSelector.ways, 'port-forward')[0]).toMatchObject({ available: false, reason: 'the service has no selector' });

    const dns = detail(service('dns', { selector: { app: 'web' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }), webPods('dns'));
    expect(of(dns.ways, 'api-proxy')[0]).toMatchObject({ available: false, reason: 'UDP is not supported by the apiserver proxy' });
    expect(of(dns.ways, 'port-forward')[0]).toMatchObject({ available: false, reason: 'UDP is not supported by port-forward' });
    expect(of(dns.ways, 'kubectl-exec')[0]).toMatchObject({ available: false });
    expect(of(dns.ways, 'cluster-dns')[0]).toMatchObject({ value: 'dns.shop.svc:53', available: true });
  });

  it('lists a NodePort on every InternalIP and ExternalIP of every node', () => {
    const d = detail(
      service('echo', { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'echo', port: 9000, nodePort: 30900 }] }),
      {
        ...webPods('echo'),
        nodes: [node('node-1', '10.0.0.21', '203.0.113.21'), node('node-2', '10.0.0.22')],
      },
    );
    expect(of(d.ways, 'node-port').map((w) => [w.label, w.value, w.available])).toEqual([
      ['NodePort on node-1 (InternalIP)', '10.0.0.21:30900', true],
      ['NodePort on node-1 (ExternalIP)', '203.0.113.21:30900', true],
      ['NodePort on node-2 (InternalIP)', '10.0.0.22:30900', true],
    ]);
  });

  it('gives the load balancer address per port, or "no external IP yet" while it has none', () => {
    const ports = [{ name: 'http', port: 80, nodePort: 31080 }];
    const up = detail(
      service('storefront', { type: 'LoadBalancer', selector: { app: 'web' }, ports, ingress: [{ ip: '203.0.113.50' }] }),
      webPods('storefront'),
    );
    expect(of(up.ways, 'load-balancer')).toEqual([
      { way: 'load-balancer', port: 'http', label: 'Load balancer', value: '203.0.113.50:80', available: true },
    ]);
    const pending = detail(service('storefront', { type: 'LoadBalancer', selector: { app: 'web' }, ports }), webPods('storefront'));
    expect(of(pending.ways, 'load-balancer')).toEqual([
      { way: 'load-balancer', port: 'http', label: 'Load balancer', value: '', available: false, reason: 'no external IP yet' },
    ]);
  });

  it('lists each ready pod address of a headless service at its target port', () => {
    const d = detail(service('web-headless', { clusterIP: 'None', selector: { app: 'web' } }), {
      slices: [
        slice('web-headless', [
          { ip: '10.244.2.5', pod: 'web-1', ready: true },
          { ip: '10.244.3.5', pod: 'web-2', ready: true },
          { ip: '10.244.3.6', pod: 'web-3', ready: false },
        ]),
      ],
    });
    expect(of(d.ways, 'pod-address').map((w) => [w.label, w.value])).toEqual([
      ['Pod web-1', '10.244.2.5:8080'],
      ['Pod web-2', '10.244.3.5:8080'],
    ]);
  });

  it('throws not-found naming NS/NAME for an unknown service', () => {
    const cache = new ServiceCache({ dirty: () => {}, removed: () => {} });
    expect(() => detailFromCache('demo', cache, 'shop', 'nope', SERVER)).toThrow(
      new KubeDeskError('not-found', 'service "shop/nope" not found'),
    );
  });
});
