import { describe, expect, it } from 'vitest';
import { toPodRecord, toServiceRecord, toSliceRecord } from '../../../../../electron/core/services/discovery/records.ts';
import { ServiceCache } from '../../../../../electron/core/services/discovery/service-cache.ts';
import { pod, service, slice } from './fixtures.ts';

function recording() {
  const dirty = new Set<string>();
  const removed = new Set<string>();
  const cache = new ServiceCache({ dirty: (k) => dirty.add(k), removed: (k) => removed.add(k) });
  return { cache, dirty, removed, reset: () => (dirty.clear(), removed.clear()) };
}

describe('service cache indexes', () => {
  it('dirties only the services a pod change can affect', () => {
    const { cache, dirty, reset } = recording();
    cache.upsertService(toServiceRecord(service('web', { selector: { app: 'web' } })));
    cache.upsertService(toServiceRecord(service('api', { selector: { app: 'api' } })));
    cache.upsertService(toServiceRecord(service('web-other-ns', { namespace: 'dev', selector: { app: 'web' } })));
    reset();
    cache.upsertPod(toPodRecord(pod('web-1', { app: 'web', tier: 'fe' })));
    expect([...dirty]).toEqual(['shop/web']);
    reset();
    // Only its resourceVersion changed: nothing a summary shows.
    const same = pod('web-1', { app: 'web', tier: 'fe' });
    same.metadata.resourceVersion = '99';
    cache.upsertPod(toPodRecord(same));
    expect([...dirty]).toEqual([]);
    // Relabelled from web to api: both services.
    cache.upsertPod(toPodRecord(pod('web-1', { app: 'api' })));
    expect([...dirty].sort()).toEqual(['shop/api', 'shop/web']);
    reset();
    cache.removePod({ namespace: 'shop', name: 'web-1' });
    expect([...dirty]).toEqual(['shop/api']);
  });

  it("dirties a slice's own service, and reports removed services on a relist", () => {
    const { cache, dirty, removed, reset } = recording();
    cache.replaceServices([toServiceRecord(service('web', { selector: { app: 'web' } })), toServiceRecord(service('old'))]);
    reset();
    cache.upsertEndpoints(toSliceRecord(slice('web', [{ ip: '10.244.0.5', pod: 'web-1' }])));
    expect([...dirty]).toEqual(['shop/web']);
    cache.replaceServices([toServiceRecord(service('web', { selector: { app: 'web' } }))]);
    expect([...removed]).toEqual(['shop/old']);
  });

  it('scales: a change to one of 10,000 services touches one, and a bulk pod touches only the services selecting it', () => {
    const { cache, dirty, reset } = recording();
    const services = Array.from({ length: 10_000 }, (_, i) =>
      toServiceRecord(
        service(`svc-${i}`, { namespace: 'bulk', selector: i < 5 ? { app: 'few' } : { app: 'bulk', shard: String(i % 16) } }),
      ),
    );
    cache.replaceServices(services);
    cache.replaceEndpoints(services.map((s) => toSliceRecord(slice(s.name, [{ ip: '10.244.0.5', pod: 'p' }], { namespace: 'bulk' }))));
    reset();
    cache.upsertEndpoints(toSliceRecord(slice('svc-42', [], { namespace: 'bulk' })));
    expect([...dirty]).toEqual(['bulk/svc-42']);
    reset();
    cache.upsertPod(toPodRecord(pod('few-1', { app: 'few' }, 'running', { namespace: 'bulk' })));
    expect(dirty.size).toBe(5);
    reset();
    cache.upsertPod(toPodRecord(pod('shard-3', { app: 'bulk', shard: '3' }, 'running', { namespace: 'bulk' })));
    expect(dirty.size).toBe(624); // i % 16 === 3 for 5 <= i < 10,000
    expect(cache.selectedPods(services[19]!).map((p) => p.name)).toEqual(['shard-3']);
    expect(cache.readiness(services[42]!).state).toBe('no-endpoints');
  });
});
