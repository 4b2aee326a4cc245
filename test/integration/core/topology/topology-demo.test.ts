// The topology read from the demo cluster (docs/topology.md): its two control-plane apiservers behind
// the kubeconfig's address, kube-proxy on every node, shop's LoadBalancer with its ingress IP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { DEMO_APISERVER_ADDRESSES, DEMO_NODES } from '../../../../electron/core/demo/demo-names.ts';
import { currentTopology, type TopologySources } from '../../../../electron/core/topology/topology-service.ts';
import { kubeconfigConnections } from '../../../support/kubeconfig-connect.ts';
import type { ConnectionProvider } from '../../../../electron/core/cluster/connection-provider.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let demo: DemoCluster;
let connections: ConnectionProvider;
let dir: string;
let sources: TopologySources;

beforeAll(async () => {
  demo = await startDemoCluster();
  dir = mkdtempSync(join(tmpdir(), 'kd-topology-'));
  connections = kubeconfigConnections(await demo.writeKubeconfig(dir));
  sources = { connect: connections.connect, proxies: () => [], forwards: () => [], gateways: () => [] };
});
afterAll(async () => {
  connections.dispose();
  await demo.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('topology of the demo cluster', () => {
  it('shows the LB in front of both apiservers, a kubelet and kube-proxy per node, and the cloud LB', async () => {
    const t = await currentTopology(sources, 'demo', 'shop');
    expect(t).toMatchObject({ context: 'demo', namespace: 'shop' });
    const of = (kind: string) => t.nodes.filter((n) => n.kind === kind);
    expect(of('apiserver-lb')).toHaveLength(1);
    expect(
      of('apiserver')
        .map((n) => n.address!.split(':')[0])
        .sort(),
    ).toEqual([...DEMO_APISERVER_ADDRESSES].sort());
    expect(
      of('kubelet')
        .map((n) => n.label)
        .sort(),
    ).toEqual(DEMO_NODES.map((n) => n.name).sort());
    expect(of('kube-proxy')).toHaveLength(DEMO_NODES.length);
    expect(of('kube-proxy').every((n) => n.status === 'ready')).toBe(true);
    expect(of('cloud-lb').length).toBeGreaterThan(0);
    // Only shop's services and pods; the not-ready ones say why.
    expect(of('service').every((n) => n.namespace === 'shop')).toBe(true);
    expect(of('pod').some((n) => n.status === 'not-ready' && /CrashLoopBackOff|Pending/.test(n.detail))).toBe(true);
  });

  it("the context's namespace when none is given; every namespace with null", async () => {
    const own = await currentTopology(sources, 'demo', undefined);
    expect(own.namespace).toBe('shop'); // the demo context's namespace (demo-kubeconfig.ts)
    const all = await currentTopology(sources, 'demo', null);
    const namespaces = new Set(all.nodes.filter((n) => n.kind === 'service').map((n) => n.namespace));
    expect(namespaces).toContain('shop');
    expect(namespaces).toContain('kube-system');
  });

  it('an unknown context is an error naming it', async () => {
    await expect(currentTopology(sources, 'nope', 'shop')).rejects.toThrow(/nope/);
  });
});
