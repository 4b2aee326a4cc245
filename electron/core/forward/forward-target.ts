// `TYPE/NAME` as `kubectl port-forward` takes it (docs/port-forward.md, Arguments): TYPE defaults to pod; KubeDesk
// forwards to pods, services and deployments. Errors are kubectl's where kubectl has one.
import { KubeDeskError } from '../errors.ts';

export type ForwardTargetKind = 'pod' | 'service' | 'deployment';

export interface ForwardTarget {
  kind: ForwardTargetKind;
  name: string;
}

const KINDS: Record<string, ForwardTargetKind> = {
  pod: 'pod',
  pods: 'pod',
  po: 'pod',
  svc: 'service',
  service: 'service',
  services: 'service',
  deploy: 'deployment',
  deployment: 'deployment',
  deployments: 'deployment',
  'deployment.apps': 'deployment',
  'deployments.apps': 'deployment',
};

/** Kinds kubectl can attach to through a selector but KubeDesk does not forward to. */
const OTHER_KINDS = new Set([
  'rs',
  'replicaset',
  'replicasets',
  'sts',
  'statefulset',
  'statefulsets',
  'ds',
  'daemonset',
  'daemonsets',
  'job',
  'jobs',
  'rc',
  'replicationcontroller',
  'replicationcontrollers',
]);

export function parseForwardTarget(arg: string): ForwardTarget {
  const parts = arg.split('/');
  if (parts.length === 1) {
    if (arg === '') throw new KubeDeskError('invalid-input', 'pod name or resource type/name must be specified');
    return { kind: 'pod', name: arg };
  }
  if (parts.length > 2) throw new KubeDeskError('invalid-input', `arguments in resource/name form may not have more than one slash`);
  const [type, name] = parts as [string, string];
  if (type === '' || name === '')
    throw new KubeDeskError('invalid-input', 'arguments in resource/name form must have a single resource and name');
  const kind = KINDS[type.toLowerCase()];
  if (kind) return { kind, name };
  if (OTHER_KINDS.has(type.toLowerCase())) {
    throw new KubeDeskError('invalid-input', `forwarding to ${type} is not supported: use pod/NAME, svc/NAME or deploy/NAME`);
  }
  throw new KubeDeskError('invalid-input', `the server doesn't have a resource type "${type}"`);
}

/** The canonical short form, as shown in the UI and saved: `pod/x`, `svc/x`, `deploy/x`. */
export function formatForwardTarget(t: ForwardTarget): string {
  return `${t.kind === 'pod' ? 'pod' : t.kind === 'service' ? 'svc' : 'deploy'}/${t.name}`;
}
