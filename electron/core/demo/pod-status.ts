// A new pod's status as the scheduler and kubelet would report it (pkg/kubelet/kubelet_pods.go
// generateAPIPodStatus, pkg/kubelet/status/generate.go): unscheduled pods stay Pending with
// PodScheduled=False; scheduled ones run, with conditions whose transition times follow the
// creation time and container statuses that are running or in CrashLoopBackOff after an Error.
import { createHash } from 'node:crypto';
import type { DemoNode } from './demo-names.ts';
import { isoSeconds } from './iso-seconds.ts';
import type { Container, ContainerStatus, Pod, PodCondition } from '../kube/kube-objects.ts';

export type PodState = 'running' | 'crashloop' | 'pending';

export interface PodStatusInput {
  namespace: string;
  name: string;
  uid: string;
  containers: Container[];
  state: PodState;
  /** The node it runs on, and its IP there; neither when unscheduled. */
  node: DemoNode | undefined;
  ip: string | undefined;
  restarts: number;
  createdAt: Date;
  /** The clock a crash-looping container's last run counts back from. */
  now: () => Date;
  unschedulableMessage: string | undefined;
}

/** The Ready/ContainersReady reason and message while containers are not ready (status/generate.go). */
export function containersNotReady(containers: ReadonlyArray<{ name: string }>): { reason: string; message: string } {
  return { reason: 'ContainersNotReady', message: `containers with unready status: [${containers.map((c) => c.name).join(' ')}]` };
}

export function podStatus(p: PodStatusInput): Pod['status'] {
  const created = p.createdAt;
  const at = (secs: number): string => isoSeconds(new Date(created.getTime() + secs * 1000));
  const cond = (type: string, status: PodCondition['status'], secs: number, extra: Partial<PodCondition> = {}): PodCondition => ({
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: at(secs),
    ...extra,
  });
  const node = p.node;
  if (!node || p.state === 'pending') {
    return {
      phase: 'Pending',
      conditions: [
        cond('PodScheduled', 'False', 0, {
          reason: 'Unschedulable',
          message:
            p.unschedulableMessage ??
            '0/4 nodes are available: 4 Insufficient memory. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.',
        }),
      ],
      qosClass: 'Burstable',
    };
  }
  const running = p.state === 'running';
  const containerId = (name: string): string =>
    `containerd://${createHash('sha256')
      .update(p.uid + name + p.restarts)
      .digest('hex')}`;
  return {
    phase: 'Running',
    conditions: [
      cond('PodReadyToStartContainers', 'True', 2),
      cond('Initialized', 'True', 0),
      running ? cond('Ready', 'True', 4) : cond('Ready', 'False', 4, containersNotReady(p.containers)),
      running ? cond('ContainersReady', 'True', 4) : cond('ContainersReady', 'False', 4, containersNotReady(p.containers)),
      cond('PodScheduled', 'True', 0),
    ],
    hostIP: node.internalIP,
    hostIPs: [{ ip: node.internalIP }],
    podIP: p.ip!,
    podIPs: [{ ip: p.ip! }],
    startTime: at(0),
    containerStatuses: p.containers.map((c): ContainerStatus => ({
      name: c.name,
      ready: running,
      started: running,
      restartCount: p.restarts,
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
              message: `back-off 5m0s restarting failed container=${c.name} pod=${p.name}_${p.namespace}(${p.uid})`,
            },
          },
      ...(p.state === 'crashloop'
        ? {
            lastState: {
              terminated: {
                exitCode: 1,
                reason: 'Error',
                startedAt: isoSeconds(new Date(p.now().getTime() - 150_000)),
                finishedAt: isoSeconds(new Date(p.now().getTime() - 149_000)),
                containerID: containerId(c.name),
              },
            },
          }
        : {}),
    })),
    qosClass: 'BestEffort',
  };
}
