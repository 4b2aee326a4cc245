// Chaos for tests and demos: restart a pod (its controller replaces it under a new name,
// endpoints follow, forwards drop), make the apiserver port refuse connections for a while,
// add latency to every request, change a LoadBalancer's ingress (a cloud LB reprovisioned).
import { R } from './api-resources.ts';
import { notFound, badRequest } from './api-status.ts';
import type { Pod, Service } from '../kube/kube-objects.ts';
import type { ObjectStore } from './object-store.ts';
import type { PodLifecycle } from './pod-lifecycle.ts';

export interface DemoChaos {
  /** Deletes the pod; its controller replaces it (new name, new IP), endpoints update, forwards drop. */
  restartPod(namespace: string, name: string): Promise<{ oldName: string; newName: string }>;
  /** The apiserver port refuses connections (listener closed, open connections cut) for `seconds`. */
  refuseConnections(seconds: number): void;
  /** Delays every apiserver request (and upgrade) by `ms`. */
  setLatency(ms: number): void;
  /** Restarts the oldest pod of a demo Deployment (`--restart-every`). */
  restartDeploymentPod(namespace: string, deployment: string): Promise<{ oldName: string; newName: string }>;
  /** Sets (or clears with null) a LoadBalancer service's ingress IP; watchers see MODIFIED. */
  setLoadBalancerIngress(namespace: string, name: string, ip: string | null): void;
}

export interface ChaosDeps {
  store: ObjectStore;
  lifecycle: PodLifecycle;
  refuse: (seconds: number) => void;
  setLatency: (ms: number) => void;
}

export function createChaos(d: ChaosDeps): DemoChaos {
  return {
    restartPod: (namespace, name) => d.lifecycle.restart(namespace, name),
    refuseConnections: (seconds) => {
      if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('refuseConnections: seconds must be >= 0');
      d.refuse(seconds);
    },
    setLatency: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('setLatency: ms must be >= 0');
      d.setLatency(ms);
    },
    restartDeploymentPod: async (namespace, deployment) => {
      const pods = (d.store.list(R.pods, namespace) as Pod[])
        .filter((p) => !p.metadata.deletionTimestamp && d.lifecycle.appOf(p)?.name === deployment)
        .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
      const oldest = pods[0];
      if (!oldest) throw notFound('deployments.apps', deployment, 'deployments', 'apps');
      return d.lifecycle.restart(namespace, oldest.metadata.name);
    },
    setLoadBalancerIngress: (namespace, name, ip) => {
      const svc = d.store.get(R.services, namespace, name) as Service | undefined;
      if (!svc) throw notFound('services', name, 'services');
      if (svc.spec.type !== 'LoadBalancer') throw badRequest(`service ${name} is not of type LoadBalancer`);
      d.store.update(R.services, { ...svc, status: { loadBalancer: ip ? { ingress: [{ ip, ipMode: 'VIP' }] } : {} } });
    },
  };
}
