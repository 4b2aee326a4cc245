import { describe, expect, it } from 'vitest';
import { R } from '../../../../electron/core/demo/api-resources.ts';
import { DEMO_NODES, DEMO_WEB, bulkServiceName } from '../../../../electron/core/demo/demo-names.ts';
import { buildDemoWorld } from '../../../../electron/core/demo/demo-world.ts';
import { EndpointsController } from '../../../../electron/core/demo/endpoints-controller.ts';
import { ClusterIpAllocator, NodePortAllocator } from '../../../../electron/core/demo/ip-allocator.ts';
import type { Endpoints, Pod, Service } from '../../../../electron/core/kube/kube-objects.ts';
import { ObjectStore } from '../../../../electron/core/demo/object-store.ts';
import { PodFactory } from '../../../../electron/core/demo/pod-factory.ts';

function world(services = 0): { store: ObjectStore; podBackends: ReturnType<typeof buildDemoWorld>['podBackends'] } {
  const store = new ObjectStore();
  const factory = new PodFactory(DEMO_NODES, () => new Date());
  const w = buildDemoWorld({
    store,
    factory,
    now: new Date(),
    services,
    clusterIps: new ClusterIpAllocator(),
    nodePorts: new NodePortAllocator(),
  });
  const ctl = new EndpointsController(store, () => undefined);
  for (const s of store.list(R.services) as Service[]) ctl.sync(s, { quiet: true });
  return { store, podBackends: w.podBackends };
}

describe('the demo world', () => {
  it('has unique pod IPs and cluster IPs, every running pod scheduled with an IP', () => {
    const { store } = world();
    const pods = store.list(R.pods) as Pod[];
    const ips = pods.filter((p) => !p.spec.hostNetwork && p.status.podIP).map((p) => p.status.podIP);
    expect(new Set(ips).size).toBe(ips.length);
    const cips = (store.list(R.services) as Service[]).map((s) => s.spec.clusterIP).filter((ip) => ip && ip !== 'None');
    expect(new Set(cips).size).toBe(cips.length);
    for (const p of pods.filter((x) => x.status.phase === 'Running')) expect(p.status.podIP).toBeTruthy();
  });

  it('serves every selector service port of a Running app from a real backend, except the broken ones', () => {
    const { store, podBackends } = world();
    const backed = new Set(podBackends.flatMap((b) => b.specs.map((s) => `${b.ip}:${s.containerPort}`)));
    const missing: string[] = [];
    for (const ep of store.list(R.endpoints) as Endpoints[]) {
      for (const ss of ep.subsets ?? [])
        for (const a of ss.addresses ?? [])
          for (const p of ss.ports ?? [])
            if (a.targetRef && !backed.has(`${a.ip}:${p.port}`)) missing.push(`${ep.metadata.name}:${p.name ?? p.port}`);
    }
    // CoreDNS answers no DNS here (only its metrics port is served).
    expect(missing.sort()).toEqual(['kube-dns:dns', 'kube-dns:dns', 'kube-dns:dns-tcp', 'kube-dns:dns-tcp']);
  });

  it('web has its replicas ready behind a named target port', () => {
    const { store } = world();
    const ep = store.get(R.endpoints, 'shop', DEMO_WEB.service) as Endpoints;
    expect(ep.subsets?.[0]?.addresses).toHaveLength(DEMO_WEB.replicas);
    expect(ep.subsets?.[0]?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('adds N services in namespace bulk, each with endpoints', () => {
    const { store } = world(50);
    const bulk = store.list(R.services, 'bulk');
    expect(bulk).toHaveLength(50);
    expect(bulk[0]!.metadata.name).toBe(bulkServiceName(1));
    expect((store.get(R.endpoints, 'bulk', bulkServiceName(50)) as Endpoints).subsets?.[0]?.addresses).toHaveLength(2);
  });
});
