import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../electron/core/kube/kube-objects.ts';
import {
  podReason,
  toEndpointsRecord,
  toPodRecord,
  toServiceRecord,
  toSliceRecord,
} from '../../../../../electron/core/services/discovery/records.ts';
import { ServiceCache } from '../../../../../electron/core/services/discovery/service-cache.ts';
import { pod, service, slice } from './fixtures.ts';

function readinessWith(svc: KubeObject, objs: { slices?: KubeObject[]; endpoints?: KubeObject[]; pods?: KubeObject[] }) {
  const cache = new ServiceCache({ dirty: () => {}, removed: () => {} });
  const rec = toServiceRecord(svc);
  cache.upsertService(rec);
  cache.replaceEndpoints([...(objs.slices ?? []).map(toSliceRecord), ...(objs.endpoints ?? []).map(toEndpointsRecord)]);
  cache.replacePods((objs.pods ?? []).map(toPodRecord));
  return cache.readiness(rec);
}

describe('service readiness', () => {
  it('is ready with at least one ready address, counting ready and not-ready addresses', () => {
    const r = readinessWith(service('web', { selector: { app: 'web' } }), {
      slices: [
        slice('web', [
          { ip: '10.244.0.5', pod: 'web-1', ready: true },
          { ip: '10.244.0.6', pod: 'web-2', ready: false },
        ]),
      ],
      pods: [pod('web-1', { app: 'web' }), pod('web-2', { app: 'web' }, 'crashloop', { ip: '10.244.0.6' })],
    });
    expect(r).toEqual({ state: 'ready', ready: 1, notReady: 1, reasons: ['web-2 CrashLoopBackOff'] });
  });

  it('reads an endpoint without a ready condition as ready (discovery/v1: nil means ready)', () => {
    const r = readinessWith(service('web', { selector: { app: 'web' } }), { slices: [slice('web', [{ ip: '10.244.0.5', pod: 'web-1' }])] });
    expect(r.state).toBe('ready');
    expect(r.ready).toBe(1);
  });

  it('is not-ready when every address is unready, with the CrashLoopBackOff reason of the pod', () => {
    const r = readinessWith(service('orders', { selector: { app: 'orders' } }), {
      slices: [slice('orders', [{ ip: '10.244.0.9', pod: 'orders-84d6b7c9f5-p8w2s', ready: false }])],
      pods: [pod('orders-84d6b7c9f5-p8w2s', { app: 'orders' }, 'crashloop', { ip: '10.244.0.9' })],
    });
    expect(r).toEqual({ state: 'not-ready', ready: 0, notReady: 1, reasons: ['orders-84d6b7c9f5-p8w2s CrashLoopBackOff'] });
  });

  it('is no-endpoints when nothing is selected, and names a Pending pod the selector matches', () => {
    const svc = service('report', { selector: { app: 'report' } });
    expect(readinessWith(svc, { slices: [slice('report', [])] })).toEqual({ state: 'no-endpoints', ready: 0, notReady: 0, reasons: [] });
    const r = readinessWith(svc, {
      slices: [slice('report', [])],
      pods: [pod('report-generator', { app: 'report' }, 'unschedulable'), pod('other', { app: 'x' }, 'unschedulable')],
    });
    expect(r).toEqual({ state: 'no-endpoints', ready: 0, notReady: 0, reasons: ['report-generator Pending (Unschedulable)'] });
  });

  it('is no-selector without a selector, or for ExternalName, whatever endpoints exist', () => {
    const manual = {
      endpoints: [
        {
          metadata: { name: 'legacy-db', namespace: 'shop' },
          subsets: [{ addresses: [{ ip: '192.168.50.10' }], ports: [{ port: 5432 }] }],
        },
      ],
    };
    expect(readinessWith(service('legacy-db'), manual)).toEqual({ state: 'no-selector', ready: 1, notReady: 0, reasons: [] });
    expect(readinessWith(service('ext', { type: 'ExternalName', externalName: 'db.example.com', selector: { app: 'x' } }), {}).state).toBe(
      'no-selector',
    );
    expect(readinessWith({ ...service('empty'), spec: { ...service('empty').spec, selector: {} } }, {}).state).toBe('no-selector');
  });

  it('counts an address once across slices, and reads core/v1 Endpoints the same way', () => {
    const svc = service('web', { selector: { app: 'web' } });
    const r = readinessWith(svc, {
      slices: [
        slice('web', [{ ip: '10.244.0.5', pod: 'web-1', ready: true }]),
        slice('web', [{ ip: '10.244.0.5', pod: 'web-1', ready: true }], { name: 'web-xyz' }),
      ],
    });
    expect(r.ready).toBe(1);
    const e = readinessWith(svc, {
      endpoints: [
        {
          metadata: { name: 'web', namespace: 'shop' },
          subsets: [
            {
              addresses: [{ ip: '10.244.0.5', targetRef: { kind: 'Pod', name: 'web-1' } }],
              notReadyAddresses: [{ ip: '10.244.0.6', targetRef: { kind: 'Pod', name: 'web-2' } }],
            },
          ],
        },
      ],
      pods: [pod('web-2', { app: 'web' }, 'creating', { ip: '10.244.0.6' })],
    });
    expect(e).toEqual({ state: 'ready', ready: 1, notReady: 1, reasons: ['web-2 ContainerCreating'] });
  });

  it("gives a pod's reason in kubectl's words", () => {
    expect(podReason(pod('a', {}))).toBeNull();
    expect(podReason(pod('a', {}, 'crashloop'))).toBe('CrashLoopBackOff');
    expect(podReason(pod('a', {}, 'unschedulable'))).toBe('Pending (Unschedulable)');
    expect(podReason(pod('a', {}, 'creating'))).toBe('ContainerCreating');
    expect(podReason(pod('a', {}, 'terminating'))).toBe('Terminating');
    expect(podReason({ ...pod('a', {}), status: { phase: 'Failed', reason: 'Evicted' } })).toBe('Evicted');
  });
});
