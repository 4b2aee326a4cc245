// A core/v1 Node as its kubelet reports it: addresses, the pressure and Ready conditions,
// nodeInfo, capacity; control-plane nodes carry the control-plane role label and taint.
import { randomUUID } from 'node:crypto';
import { DEMO_NODES, DEMO_SERVER_VERSION, type DemoNode } from '../demo-names.ts';
import type { Node } from '../../kube/kube-objects.ts';
import { CLUSTER_AGE, type WorldContext } from './world-context.ts';

export function buildNode(w: WorldContext, n: DemoNode): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      creationTimestamp: w.ts(CLUSTER_AGE),
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/zone': n.zone,
        'topology.kubernetes.io/region': 'demo',
        'node.kubernetes.io/instance-type': n.controlPlane ? 'demo.medium' : 'demo.large',
        ...(n.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: {
      podCIDR: `10.244.${n.podNet}.0/24`,
      podCIDRs: [`10.244.${n.podNet}.0/24`],
      providerID: `demo://${n.zone}/${n.name}`,
      ...(n.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: n.internalIP },
        { type: 'ExternalIP', address: n.externalIP },
        { type: 'Hostname', address: n.name },
      ],
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          lastTransitionTime: w.ts(CLUSTER_AGE),
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
        },
        {
          type: 'DiskPressure',
          status: 'False',
          lastTransitionTime: w.ts(CLUSTER_AGE),
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
        },
        {
          type: 'PIDPressure',
          status: 'False',
          lastTransitionTime: w.ts(CLUSTER_AGE),
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
        },
        {
          type: 'Ready',
          status: 'True',
          lastTransitionTime: w.ts(CLUSTER_AGE - 60_000),
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        },
      ],
      nodeInfo: {
        architecture: 'amd64',
        bootID: randomUUID(),
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0-51-generic',
        kubeProxyVersion: DEMO_SERVER_VERSION.gitVersion,
        kubeletVersion: DEMO_SERVER_VERSION.gitVersion,
        machineID: randomUUID().replace(/-/g, ''),
        operatingSystem: 'linux',
        osImage: 'Ubuntu 24.04.1 LTS',
        systemUUID: randomUUID(),
      },
      capacity: {
        cpu: n.controlPlane ? '2' : '4',
        memory: n.controlPlane ? '4015868Ki' : '16373324Ki',
        pods: '110',
        'ephemeral-storage': '61202244Ki',
      },
      allocatable: {
        cpu: n.controlPlane ? '2' : '4',
        memory: n.controlPlane ? '3913468Ki' : '16270924Ki',
        pods: '110',
        'ephemeral-storage': '56403987978',
      },
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    },
  };
}

export function controlPlaneNames(): string[] {
  return DEMO_NODES.filter((n) => n.controlPlane).map((n) => n.name);
}

export function workerNames(): string[] {
  return DEMO_NODES.filter((n) => !n.controlPlane).map((n) => n.name);
}
