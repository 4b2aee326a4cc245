// What the kubelet and the ReplicaSet controller do when a pod goes away or a workload scales:
// the old pod turns Terminating and is deleted (its port-forwards and backend connections
// drop), a replacement with a new name appears Pending, gets an IP and turns Ready once its
// backend listens. Endpoints follow through the endpoints controller, so watchers see
// DELETED/ADDED/MODIFIED in the order a real cluster produces them.
import { R } from './api-resources.ts';
import { notFound } from './api-status.ts';
import type { BackendRegistry } from './backends.ts';
import { recordEvent } from './demo-events.ts';
import type { Deployment, KubeObject, Pod, ReplicaSet } from '../kube/kube-objects.ts';
import type { ObjectStore } from './object-store.ts';
import { randomSuffix, sandboxId, type AppSpec, type PodFactory } from './pod-factory.ts';
import type { PodLogs } from './pod-logs.ts';
import { startingView, terminatingView } from './pod-views.ts';
import type { PortForwardSessions } from './portforward-sessions.ts';

export interface PodLifecycleDeps {
  store: ObjectStore;
  factory: PodFactory;
  backends: BackendRegistry;
  apps: Map<string, AppSpec>;
  logs: PodLogs;
  forwards: PortForwardSessions;
}

export class PodLifecycle {
  #d: PodLifecycleDeps;

  constructor(deps: PodLifecycleDeps) {
    this.#d = deps;
  }

  appOf(pod: KubeObject): AppSpec | undefined {
    const owner = pod.metadata.ownerReferences?.find((o) => o.kind === 'ReplicaSet');
    if (!owner) return undefined;
    for (const app of this.#d.apps.values()) {
      if (app.namespace === pod.metadata.namespace && `${app.name}-${app.rsHash}` === owner.name) return app;
    }
    return undefined;
  }

  /** Writes a new pod Pending, starts its backends, then reports it Running (and Ready). */
  async launch(pod: Pod, app: AppSpec | undefined): Promise<Pod> {
    const { store, backends, logs } = this.#d;
    const ns = pod.metadata.namespace!;
    const running = pod.status.phase === 'Running';
    const created = store.create(R.pods, running ? startingView(pod) : pod) as Pod;
    const node = pod.spec.nodeName;
    const rs = app ? store.get(R.replicasets, ns, `${app.name}-${app.rsHash}`) : undefined;
    if (rs)
      recordEvent(store, {
        involved: rs,
        kind: 'ReplicaSet',
        reason: 'SuccessfulCreate',
        message: `Created pod: ${pod.metadata.name}`,
        component: 'replicaset-controller',
      });
    if (node)
      recordEvent(store, {
        involved: created,
        kind: 'Pod',
        reason: 'Scheduled',
        message: `Successfully assigned ${ns}/${pod.metadata.name} to ${node}`,
        component: 'default-scheduler',
      });
    if (!running) return created;
    for (const c of pod.spec.containers) {
      const at = {
        involved: created,
        kind: 'Pod',
        component: 'kubelet',
        ...(node ? { host: node } : {}),
        fieldPath: `spec.containers{${c.name}}`,
      };
      recordEvent(store, { ...at, reason: 'Pulled', message: `Container image "${c.image}" already present on machine` });
      recordEvent(store, { ...at, reason: 'Created', message: `Created container: ${c.name}` });
      recordEvent(store, { ...at, reason: 'Started', message: `Started container ${c.name}` });
    }
    logs.append(ns, pod.metadata.name, `${new Date().toISOString()} starting ${pod.spec.containers.map((c) => c.image).join(', ')}`);
    if (app && app.state !== 'crashloop' && pod.status.podIP) {
      await backends.startPod(ns, pod.metadata.name, pod.status.podIP, app.backends);
    }
    if (!store.get(R.pods, ns, pod.metadata.name)) return created;
    logs.append(
      ns,
      pod.metadata.name,
      `${new Date().toISOString()} listening on ${(pod.spec.containers[0]?.ports ?? []).map((p) => p.containerPort).join(', ') || 'no ports'}`,
    );
    return store.update(R.pods, { ...pod, metadata: { ...pod.metadata, uid: created.metadata.uid! } }) as Pod;
  }

  /** Terminates and deletes a pod: forwards and backend connections drop first. */
  async terminate(namespace: string, name: string): Promise<Pod> {
    const { store, backends, factory, forwards } = this.#d;
    const pod = store.get(R.pods, namespace, name) as Pod | undefined;
    if (!pod) throw notFound('pods', name, 'pods');
    forwards.dropPod(namespace, name, `failed to find sandbox "${sandboxId(pod.metadata.uid!)}" in store: not found`);
    for (const c of pod.spec.containers) {
      recordEvent(store, {
        involved: pod,
        kind: 'Pod',
        reason: 'Killing',
        message: `Stopping container ${c.name}`,
        component: 'kubelet',
        ...(pod.spec.nodeName ? { host: pod.spec.nodeName } : {}),
        fieldPath: `spec.containers{${c.name}}`,
      });
    }
    await backends.stopPod(namespace, name);
    store.update(R.pods, terminatingView(pod, factory.now()));
    store.delete(R.pods, namespace, name);
    if (!pod.spec.hostNetwork) factory.releaseIp(pod.status.podIP);
    this.#d.logs.drop(namespace, name);
    return pod;
  }

  /** A replacement for `pod` as its controller would make it. */
  #replacement(pod: Pod, app: AppSpec | undefined): Pod {
    const { factory } = this.#d;
    const node = pod.spec.nodeName ?? app?.nodes[0];
    if (app && node) return factory.makeAppPod(app, { node, createdAt: factory.now() });
    const gen = pod.metadata.generateName;
    const owner = pod.metadata.ownerReferences?.[0];
    return factory.makePod({
      namespace: pod.metadata.namespace!,
      name: gen ? `${gen}${randomSuffix()}` : pod.metadata.name,
      ...(gen ? { generateName: gen } : {}),
      labels: pod.metadata.labels ?? {},
      ...(pod.metadata.annotations ? { annotations: pod.metadata.annotations } : {}),
      containers: pod.spec.containers,
      ...(node ? { nodeName: node } : {}),
      ...(pod.spec.hostNetwork ? { hostNetwork: true } : {}),
      state: pod.status.phase === 'Pending' ? 'pending' : 'running',
      createdAt: factory.now(),
      ...(owner ? { owner: { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid } } : {}),
    });
  }

  /** Chaos "restart": the pod is deleted and its controller replaces it (new name, new IP). */
  async restart(namespace: string, name: string): Promise<{ oldName: string; newName: string }> {
    const pod = this.#d.store.get(R.pods, namespace, name) as Pod | undefined;
    if (!pod) throw notFound('pods', name, 'pods');
    const app = this.appOf(pod);
    const next = this.#replacement(pod, app);
    await this.terminate(namespace, name);
    const launched = await this.launch(next, app);
    return { oldName: name, newName: launched.metadata.name };
  }

  /** DELETE of a pod: a controller-owned pod is replaced, a bare one is just gone. */
  async deleteViaApi(namespace: string, name: string): Promise<Pod> {
    const pod = this.#d.store.get(R.pods, namespace, name) as Pod | undefined;
    if (!pod) throw notFound('pods', name, 'pods');
    const app = this.appOf(pod);
    const owned = Boolean(app) || pod.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet' || o.kind === 'Node');
    const next = owned ? this.#replacement(pod, app) : undefined;
    const gone = await this.terminate(namespace, name);
    if (next) void this.launch(next, app).catch(() => {});
    return gone;
  }

  /** `kubectl scale deploy/NAME --replicas N` for the demo's own apps. */
  async scale(namespace: string, name: string, replicas: number): Promise<void> {
    const { store, factory } = this.#d;
    const app = this.#d.apps.get(`${namespace}/${name}`);
    const deploy = store.get(R.deployments, namespace, name) as Deployment | undefined;
    if (!deploy) throw notFound('deployments.apps', name, 'deployments', 'apps');
    if (app) {
      app.replicas = replicas;
      const rsName = `${app.name}-${app.rsHash}`;
      const pods = (store.list(R.pods, namespace) as Pod[]).filter((p) => p.metadata.ownerReferences?.some((o) => o.name === rsName));
      for (let i = pods.length; i < replicas; i++) {
        const node = app.nodes[i % app.nodes.length]!;
        await this.launch(factory.makeAppPod(app, { node, createdAt: factory.now() }), app);
      }
      const extra = [...pods]
        .sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''))
        .slice(0, Math.max(0, pods.length - replicas));
      for (const p of extra) await this.terminate(namespace, p.metadata.name);
      const rs = store.get(R.replicasets, namespace, rsName) as ReplicaSet | undefined;
      const ready = app.state === 'crashloop' ? 0 : replicas;
      if (rs) {
        store.update(R.replicasets, {
          ...rs,
          metadata: { ...rs.metadata, generation: (rs.metadata.generation ?? 1) + 1 },
          spec: { ...rs.spec, replicas },
          status: { ...(rs.status ?? {}), replicas, fullyLabeledReplicas: replicas, readyReplicas: ready, availableReplicas: ready },
        });
      }
      const current = store.get(R.deployments, namespace, name) as Deployment;
      store.update(R.deployments, {
        ...current,
        metadata: { ...current.metadata, generation: (current.metadata.generation ?? 1) + 1 },
        spec: { ...current.spec, replicas },
        status: {
          ...(current.status ?? {}),
          observedGeneration: (current.metadata.generation ?? 1) + 1,
          replicas,
          updatedReplicas: replicas,
          readyReplicas: ready,
          availableReplicas: ready,
        },
      });
      return;
    }
    store.update(R.deployments, { ...deploy, spec: { ...deploy.spec, replicas } });
  }
}
