// The demo cluster's contents (the seeds' examples), one seed per namespace under world/:
// kube-system with CoreDNS behind `kube-dns`, the dashboard and Grafana as cluster services,
// kube-proxy on every node and the control-plane static pods; namespace `shop` with the web
// Deployment, a two-port API, a TCP echo NodePort, a slow stream, a LoadBalancer with a cloud IP,
// a crash-looping app, a headless and a selector-less service and a Pending pod;
// `default/kubernetes` whose endpoints name two apiservers; nodes with InternalIP/ExternalIP;
// and, with `services: N`, namespace `bulk`. The order of the seeds fixes the addresses each
// object gets, so it stays as it is.
import { DEMO_KUBE_DNS } from './demo-names.ts';
import type { AppSpec } from './pod-factory.ts';
import { seedBulk } from './world/seed-bulk.ts';
import { seedCluster } from './world/seed-cluster.ts';
import { seedDefault } from './world/seed-default.ts';
import { seedKubeSystem } from './world/seed-kube-system.ts';
import { seedShop } from './world/seed-shop.ts';
import { createWorldContext, type PodBackends, type WorldOptions } from './world/world-context.ts';

export interface DemoWorld {
  /** Deployment-managed apps by `namespace/name`, to create replacement pods. */
  apps: Map<string, AppSpec>;
  /** Which servers each initial pod needs. */
  podBackends: PodBackends[];
}

export function buildDemoWorld(opts: WorldOptions): DemoWorld {
  const w = createWorldContext(opts);
  w.clusterIps.reserve('10.96.0.1');
  w.clusterIps.reserve(DEMO_KUBE_DNS.clusterIP);
  seedCluster(w);
  seedDefault(w);
  seedKubeSystem(w);
  seedShop(w);
  seedBulk(w);
  return { apps: w.apps, podBackends: w.podBackends };
}
