// core/v1 Events, as the scheduler and kubelet record them: the world's FailedScheduling and
// BackOff warnings, and the Killing/Scheduled/Pulled/Created/Started trail of every restart, so
// `kubectl describe` and `kubectl get events` tell the same story a real cluster would.
import { randomBytes } from 'node:crypto';
import { R } from './api-resources.ts';
import { isoSeconds } from './iso-seconds.ts';
import type { KubeObject } from '../kube/kube-objects.ts';
import type { ObjectStore } from './object-store.ts';

export interface EventSpec {
  involved: KubeObject;
  kind: string;
  reason: string;
  message: string;
  type?: 'Normal' | 'Warning';
  component: string;
  host?: string;
  count?: number;
  first?: Date;
  last?: Date;
  fieldPath?: string;
}

const MAX_EVENTS = 2000;

export function recordEvent(store: ObjectStore, e: EventSpec, opts: { quiet?: boolean } = {}): void {
  const ns = e.involved.metadata.namespace ?? 'default';
  const last = e.last ?? new Date();
  const first = e.first ?? last;
  const name = `${e.involved.metadata.name}.${randomBytes(8).toString('hex')}`;
  store.create(
    R.events,
    {
      metadata: { name, namespace: ns, creationTimestamp: isoSeconds(first) },
      involvedObject: {
        kind: e.kind,
        namespace: ns,
        name: e.involved.metadata.name,
        uid: e.involved.metadata.uid,
        apiVersion: e.kind === 'Pod' || e.kind === 'Service' ? 'v1' : 'apps/v1',
        ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}),
      },
      reason: e.reason,
      message: e.message,
      source: { component: e.component, ...(e.host ? { host: e.host } : {}) },
      firstTimestamp: isoSeconds(first),
      lastTimestamp: isoSeconds(last),
      count: e.count ?? 1,
      type: e.type ?? 'Normal',
      eventTime: null,
      reportingComponent: e.component,
      reportingInstance: e.host ?? '',
    },
    opts,
  );
  // Like the apiserver's event TTL: old events go away instead of piling up.
  if (store.count(R.events) > MAX_EVENTS) {
    const oldest = [...store.list(R.events)].sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))[0];
    if (oldest) store.delete(R.events, oldest.metadata.namespace, oldest.metadata.name);
  }
}
