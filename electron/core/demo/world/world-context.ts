// What every seed of the demo world writes through: the store, the pod factory, the address
// allocators, the clock the ages count back from, and the two things the world hands back to
// the cluster (apps to re-create pods from, and the servers each initial pod needs).
import { R } from '../api-resources.ts';
import type { PodBackendSpec } from '../backends.ts';
import type { Pod } from '../../kube/kube-objects.ts';
import type { ClusterIpAllocator, NodePortAllocator } from '../ip-allocator.ts';
import { isoSeconds } from '../iso-seconds.ts';
import type { ObjectStore } from '../object-store.ts';
import type { AppSpec, PodFactory } from '../pod-factory.ts';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
/** How long ago the demo cluster was created: the age of its nodes and system namespaces. */
export const CLUSTER_AGE = 14 * DAY;

export interface PodBackends {
  namespace: string;
  pod: string;
  ip: string;
  specs: PodBackendSpec[];
}

export interface WorldOptions {
  store: ObjectStore;
  factory: PodFactory;
  now: Date;
  services: number;
  clusterIps: ClusterIpAllocator;
  nodePorts: NodePortAllocator;
}

export interface WorldContext extends WorldOptions {
  /** Deployment-managed apps by `namespace/name`, to create replacement pods. */
  apps: Map<string, AppSpec>;
  /** Which servers each initial pod needs. */
  podBackends: PodBackends[];
  /** The initial world is one quiet snapshot: no history, no listeners. */
  quiet: { quiet: true };
  /** `ms` before now. */
  ago(ms: number): Date;
  /** `ms` before now, as a creationTimestamp. */
  ts(ms: number): string;
}

export function createWorldContext(opts: WorldOptions): WorldContext {
  const ago = (ms: number): Date => new Date(opts.now.getTime() - ms);
  return {
    ...opts,
    apps: new Map(),
    podBackends: [],
    quiet: { quiet: true },
    ago,
    ts: (ms) => isoSeconds(ago(ms)),
  };
}

/** A pod not owned by a Deployment (static pods, DaemonSet pods, a bare pod). */
export function addPod(w: WorldContext, pod: Pod): void {
  w.store.create(R.pods, pod, w.quiet);
}
