// Builds Pod objects the way the scheduler, kubelet and ReplicaSet controller would leave them:
// names `<rs>-<5 chars>` from Kubernetes' suffix alphabet, a pod IP from the node's
// 10.244.N.0/24, Ready conditions with transition times, container statuses. Used for the
// initial world and for the replacement pod when chaos (or a DELETE) removes one.
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { PodBackendSpec } from './backends.ts';
import type { DemoNode } from './demo-names.ts';
import type { Container, ContainerStatus, Pod, PodCondition } from '../kube/kube-objects.ts';

/** apimachinery/pkg/util/rand: no vowels, no confusable digits. */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** The container runtime's sandbox id for a pod (in port-forward error texts). */
export function sandboxId(uid: string): string {
  return createHash('sha256').update(uid).digest('hex');
}

export type PodState = 'running' | 'crashloop' | 'pending';

/** A Deployment-managed app: its pods are created from this. */
export interface AppSpec {
  namespace: string;
  name: string;
  replicas: number;
  /** Pod labels (the selector's labels plus any extra). */
  labels: Record<string, string>;
  selector: Record<string, string>;
  rsHash: string;
  rsUid: string;
  containers: Container[];
  backends: PodBackendSpec[];
  /** Nodes to place replicas on, round-robin. */
  nodes: string[];
  state?: PodState;
  image?: string;
}

export class PodFactory {
  #nodes: readonly DemoNode[];
  #next = new Map<string, number>();
  #inUse = new Set<string>();
  #now: () => Date;

  constructor(nodes: readonly DemoNode[], now: () => Date) {
    this.#nodes = nodes;
    this.#now = now;
  }

  node(name: string): DemoNode {
    const n = this.#nodes.find((x) => x.name === name);
    if (!n) throw new Error(`unknown demo node ${name}`);
    return n;
  }

  allocateIp(nodeName: string): string {
    const node = this.node(nodeName);
    for (let tries = 0; tries < 253; tries++) {
      const n = this.#next.get(nodeName) ?? 2;
      this.#next.set(nodeName, n >= 254 ? 2 : n + 1);
      const ip = `10.244.${node.podNet}.${n}`;
      if (!this.#inUse.has(ip)) {
        this.#inUse.add(ip);
        return ip;
      }
    }
    throw new Error(`node ${nodeName} has no free pod IP`);
  }

  releaseIp(ip: string | undefined): void {
    if (ip) this.#inUse.delete(ip);
  }

  /** Any pod: `host` pods use the node's IP (hostNetwork). */
  makePod(opts: {
    namespace: string;
    name: string;
    labels: Record<string, string>;
    containers: Container[];
    nodeName?: string;
    state: PodState;
    createdAt: Date;
    owner?: { apiVersion: string; kind: string; name: string; uid: string };
    generateName?: string;
    hostNetwork?: boolean;
    restarts?: number;
    annotations?: Record<string, string>;
    priorityClassName?: string;
    unschedulableMessage?: string;
    extraSpec?: Record<string, unknown>;
  }): Pod {
    const created = opts.createdAt;
    const at = (secs: number): string => isoSeconds(new Date(created.getTime() + secs * 1000));
    const node = opts.nodeName ? this.node(opts.nodeName) : undefined;
    const ip = node ? (opts.hostNetwork ? node.internalIP : this.allocateIp(node.name)) : undefined;
    const uid = randomUUID();
    const restarts = opts.restarts ?? 0;
    const cond = (type: string, status: PodCondition['status'], secs: number, extra: Partial<PodCondition> = {}): PodCondition => ({
      type,
      status,
      lastProbeTime: null,
      lastTransitionTime: at(secs),
      ...extra,
    });
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: opts.name,
        ...(opts.generateName ? { generateName: opts.generateName } : {}),
        namespace: opts.namespace,
        uid,
        creationTimestamp: isoSeconds(created),
        labels: { ...opts.labels },
        ...(opts.annotations ? { annotations: opts.annotations } : {}),
        ...(opts.owner ? { ownerReferences: [{ ...opts.owner, controller: true, blockOwnerDeletion: true }] } : {}),
      },
      spec: {
        containers: opts.containers.map((c) => ({
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
          resources: {},
          ...c,
        })),
        ...(node ? { nodeName: node.name } : {}),
        ...(opts.hostNetwork ? { hostNetwork: true } : {}),
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        dnsPolicy: opts.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
        serviceAccountName: 'default',
        serviceAccount: 'default',
        schedulerName: 'default-scheduler',
        securityContext: {},
        enableServiceLinks: true,
        priority: opts.priorityClassName ? 2000001000 : 0,
        ...(opts.priorityClassName ? { priorityClassName: opts.priorityClassName } : {}),
        preemptionPolicy: 'PreemptLowerPriority',
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
        ...(opts.extraSpec ?? {}),
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    };
    if (!node || opts.state === 'pending') {
      pod.status = {
        phase: 'Pending',
        conditions: [
          cond('PodScheduled', 'False', 0, {
            reason: 'Unschedulable',
            message:
              opts.unschedulableMessage ??
              '0/4 nodes are available: 4 Insufficient memory. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.',
          }),
        ],
        qosClass: 'Burstable',
      };
      return pod;
    }
    const running = opts.state === 'running';
    const containerId = (name: string): string =>
      `containerd://${createHash('sha256')
        .update(uid + name + restarts)
        .digest('hex')}`;
    pod.status = {
      phase: 'Running',
      conditions: [
        cond('PodReadyToStartContainers', 'True', 2),
        cond('Initialized', 'True', 0),
        running
          ? cond('Ready', 'True', 4)
          : cond('Ready', 'False', 4, {
              reason: 'ContainersNotReady',
              message: `containers with unready status: [${opts.containers.map((c) => c.name).join(' ')}]`,
            }),
        running
          ? cond('ContainersReady', 'True', 4)
          : cond('ContainersReady', 'False', 4, {
              reason: 'ContainersNotReady',
              message: `containers with unready status: [${opts.containers.map((c) => c.name).join(' ')}]`,
            }),
        cond('PodScheduled', 'True', 0),
      ],
      hostIP: node.internalIP,
      hostIPs: [{ ip: node.internalIP }],
      podIP: ip!,
      podIPs: [{ ip: ip! }],
      startTime: at(0),
      containerStatuses: opts.containers.map((c): ContainerStatus => ({
        name: c.name,
        ready: running,
        started: running,
        restartCount: restarts,
        image: c.image ?? '',
        imageID: `${(c.image ?? '').split(':')[0]}@sha256:${createHash('sha256')
          .update(c.image ?? '')
          .digest('hex')}`,
        containerID: containerId(c.name),
        state: running
          ? { running: { startedAt: at(3) } }
          : {
              waiting: {
                reason: 'CrashLoopBackOff',
                message: `back-off 5m0s restarting failed container=${c.name} pod=${opts.name}_${opts.namespace}(${uid})`,
              },
            },
        ...(opts.state === 'crashloop'
          ? {
              lastState: {
                terminated: {
                  exitCode: 1,
                  reason: 'Error',
                  startedAt: isoSeconds(new Date(this.#now().getTime() - 150_000)),
                  finishedAt: isoSeconds(new Date(this.#now().getTime() - 149_000)),
                  containerID: containerId(c.name),
                },
              },
            }
          : {}),
      })),
      qosClass: 'BestEffort',
    };
    return pod;
  }

  /** One replica of an app. */
  makeAppPod(app: AppSpec, opts: { suffix?: string; node: string; createdAt: Date; state?: PodState; restarts?: number }): Pod {
    const rs = `${app.name}-${app.rsHash}`;
    return this.makePod({
      namespace: app.namespace,
      name: `${rs}-${opts.suffix ?? randomSuffix()}`,
      generateName: `${rs}-`,
      labels: { ...app.labels, 'pod-template-hash': app.rsHash },
      containers: app.containers,
      nodeName: opts.node,
      state: opts.state ?? app.state ?? 'running',
      createdAt: opts.createdAt,
      owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: app.rsUid },
      restarts: opts.restarts ?? (app.state === 'crashloop' ? 27 : 0),
    });
  }

  now(): Date {
    return this.#now();
  }
}

/** The same pod a moment earlier: scheduled, IP not yet assigned, containers being created. */
export function startingView(pod: Pod): Pod {
  const names = pod.spec.containers.map((c) => c.name).join(' ');
  const notReady = { reason: 'ContainersNotReady', message: `containers with unready status: [${names}]` };
  const { podIP: _ip, podIPs: _ips, ...status } = pod.status;
  return {
    ...pod,
    status: {
      ...status,
      phase: 'Pending',
      conditions: (pod.status.conditions ?? []).map((c) =>
        c.type === 'Ready' || c.type === 'ContainersReady'
          ? { ...c, status: 'False', ...notReady }
          : c.type === 'PodReadyToStartContainers'
            ? { ...c, status: 'False' }
            : c,
      ),
      containerStatuses: (pod.status.containerStatuses ?? []).map(({ containerID: _id, ...cs }) => ({
        ...cs,
        ready: false,
        started: false,
        state: { waiting: { reason: 'ContainerCreating' } },
      })),
    },
  };
}

/** The pod as the kubelet reports it while it terminates (deletionTimestamp set, not ready). */
export function terminatingView(pod: Pod, at: Date): Pod {
  return {
    ...pod,
    metadata: { ...pod.metadata, deletionTimestamp: isoSeconds(at), deletionGracePeriodSeconds: 30 },
    status: {
      ...pod.status,
      conditions: (pod.status.conditions ?? []).map((c) =>
        c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False', lastTransitionTime: isoSeconds(at) } : c,
      ),
      containerStatuses: (pod.status.containerStatuses ?? []).map((cs) => ({ ...cs, ready: false })),
    },
  };
}
