// An apps/v1 Deployment with its ReplicaSet and pods, as the deployment and replica set
// controllers would leave them once rolled out: one revision, every replica created, backends
// (the in-process servers) recorded for each pod that serves.
import { randomUUID } from 'node:crypto';
import { R } from '../api-resources.ts';
import type { PodBackendSpec } from '../backends.ts';
import type { Container, Deployment, ReplicaSet } from '../../kube/kube-objects.ts';
import type { AppSpec } from '../pod-factory.ts';
import type { WorldContext } from './world-context.ts';

export interface AppSeed {
  namespace: string;
  name: string;
  rsHash: string;
  replicas: number;
  age: number;
  labels: Record<string, string>;
  selector: Record<string, string>;
  containers: Container[];
  backends: PodBackendSpec[];
  nodes: string[];
  suffixes: string[];
  state?: AppSpec['state'];
  deploymentLabels?: Record<string, string>;
}

export function addApp(w: WorldContext, o: AppSeed): void {
  const rsName = `${o.name}-${o.rsHash}`;
  const deployUid = randomUUID();
  const rsUid = randomUUID();
  const template = {
    metadata: { labels: o.labels },
    spec: { containers: o.containers, restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' },
  };
  const ready = o.state === 'crashloop' ? 0 : o.replicas;
  const created = w.ts(o.age);
  const deploy: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: o.name,
      namespace: o.namespace,
      uid: deployUid,
      generation: 1,
      creationTimestamp: created,
      labels: o.deploymentLabels ?? o.selector,
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: o.selector },
      template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1,
      replicas: o.replicas,
      updatedReplicas: o.replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(ready < o.replicas ? { unavailableReplicas: o.replicas - ready } : {}),
      conditions: [
        ready === o.replicas
          ? {
              type: 'Available',
              status: 'True',
              reason: 'MinimumReplicasAvailable',
              message: 'Deployment has minimum availability.',
              lastUpdateTime: created,
              lastTransitionTime: created,
            }
          : {
              type: 'Available',
              status: 'False',
              reason: 'MinimumReplicasUnavailable',
              message: 'Deployment does not have minimum availability.',
              lastUpdateTime: created,
              lastTransitionTime: created,
            },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${rsName}" has successfully progressed.`,
          lastUpdateTime: created,
          lastTransitionTime: created,
        },
      ],
    },
  };
  w.store.create(R.deployments, deploy, w.quiet);
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName,
      namespace: o.namespace,
      uid: rsUid,
      generation: 1,
      creationTimestamp: created,
      labels: { ...o.labels, 'pod-template-hash': o.rsHash },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(o.replicas),
        'deployment.kubernetes.io/max-replicas': String(o.replicas + 1),
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: o.name, uid: deployUid, controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { ...o.selector, 'pod-template-hash': o.rsHash } },
      template: { ...template, metadata: { labels: { ...o.labels, 'pod-template-hash': o.rsHash } } },
    },
    status: {
      replicas: o.replicas,
      fullyLabeledReplicas: o.replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: 1,
    },
  };
  w.store.create(R.replicasets, rs, w.quiet);
  const spec: AppSpec = {
    namespace: o.namespace,
    name: o.name,
    replicas: o.replicas,
    labels: o.labels,
    selector: o.selector,
    rsHash: o.rsHash,
    rsUid,
    containers: o.containers,
    backends: o.backends,
    nodes: o.nodes,
    ...(o.state ? { state: o.state } : {}),
  };
  w.apps.set(`${o.namespace}/${o.name}`, spec);
  for (let i = 0; i < o.replicas; i++) {
    const node = o.nodes[i % o.nodes.length]!;
    const pod = w.factory.makeAppPod(spec, { suffix: o.suffixes[i], node, createdAt: w.ago(o.age - 5_000 - i * 1_000) });
    w.store.create(R.pods, pod, w.quiet);
    if (o.backends.length && pod.status.podIP && o.state !== 'crashloop') {
      w.podBackends.push({ namespace: o.namespace, pod: pod.metadata.name, ip: pod.status.podIP, specs: o.backends });
    }
  }
}
