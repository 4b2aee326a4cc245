// Builds Pod objects the way the scheduler, kubelet and ReplicaSet controller would leave them:
// names `<rs>-<5 chars>` from Kubernetes' suffix alphabet, a pod IP from the node's
// 10.244.N.0/24, the spec defaults the apiserver fills in, and the status from pod-status.ts. Used
// for the initial world and for the replacement pod when chaos (or a DELETE) removes one.
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { PodBackendSpec } from './backends.ts';
import type { DemoNode } from './demo-names.ts';
import { isoSeconds } from './iso-seconds.ts';
import type { Container, Pod } from '../kube/kube-objects.ts';
import { podStatus, type PodState } from './pod-status.ts';

/** apimachinery/pkg/util/rand: no vowels, no confusable digits. */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** The container runtime's sandbox id for a pod (in port-forward error texts). */
export function sandboxId(uid: string): string {
  return createHash('sha256').update(uid).digest('hex');
}

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
    const node = opts.nodeName ? this.node(opts.nodeName) : undefined;
    const ip = node ? (opts.hostNetwork ? node.internalIP : this.allocateIp(node.name)) : undefined;
    const uid = randomUUID();
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: opts.name,
        ...(opts.generateName ? { generateName: opts.generateName } : {}),
        namespace: opts.namespace,
        uid,
        creationTimestamp: isoSeconds(opts.createdAt),
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
      status: podStatus({
        namespace: opts.namespace,
        name: opts.name,
        uid,
        containers: opts.containers,
        state: opts.state,
        node,
        ip,
        restarts: opts.restarts ?? 0,
        createdAt: opts.createdAt,
        now: () => this.#now(),
        unschedulableMessage: opts.unschedulableMessage,
      }),
    };
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
