import { describe, expect, it } from 'vitest';
import { endpointSlicesFor, endpointsFor } from '../../../../electron/core/demo/endpoints-controller.ts';
import type { Pod, Service } from '../../../../electron/core/kube/kube-objects.ts';

function pod(name: string, ip: string | undefined, ready: boolean, port = 8080, extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    metadata: { name, namespace: 'shop', uid: `uid-${name}`, labels: { app: 'web' }, ...extra },
    spec: { nodeName: 'n1', containers: [{ name: 'web', image: 'i', ports: [{ name: 'http', containerPort: port }] }] },
    status: { phase: 'Running', ...(ip ? { podIP: ip } : {}), conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

const svc: Service = {
  metadata: { name: 'web', namespace: 'shop', uid: 'svc-uid', labels: { app: 'web' } },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
};

describe('endpoints controller', () => {
  it('puts ready pods in addresses, unready in notReadyAddresses, and skips IP-less and terminating pods', () => {
    const ep = endpointsFor(svc, [
      pod('a', '10.0.0.1', true),
      pod('b', '10.0.0.2', false),
      pod('c', undefined, false),
      pod('d', '10.0.0.4', true, 8080, { deletionTimestamp: 'x' }),
    ]);
    expect(ep.subsets).toEqual([
      {
        addresses: [{ ip: '10.0.0.1', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'shop', name: 'a', uid: 'uid-a' } }],
        notReadyAddresses: [{ ip: '10.0.0.2', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'shop', name: 'b', uid: 'uid-b' } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it('resolves a named target port per pod, grouping pods that differ into subsets', () => {
    const ep = endpointsFor(svc, [pod('a', '10.0.0.1', true, 8080), pod('b', '10.0.0.2', true, 3000)]);
    expect(ep.subsets?.map((s) => s.ports?.[0]?.port)).toEqual([8080, 3000]);
    expect(endpointsFor(svc, []).subsets).toBeUndefined();
  });

  it('builds an EndpointSlice labelled with its service and conditions per endpoint', () => {
    const [slice] = endpointSlicesFor(svc, [pod('a', '10.0.0.1', true), pod('b', '10.0.0.2', false)], () => 'zone-a');
    expect(slice!.metadata.labels?.['kubernetes.io/service-name']).toBe('web');
    expect(slice!.metadata.name).toMatch(/^web-\w{5}$/);
    expect(slice!.endpoints.map((e) => [e.addresses[0], e.conditions.ready, e.zone])).toEqual([
      ['10.0.0.1', true, 'zone-a'],
      ['10.0.0.2', false, 'zone-a'],
    ]);
  });
});
