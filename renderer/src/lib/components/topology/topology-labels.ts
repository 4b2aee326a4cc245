// Words the view shows for kinds and statuses, and the colour family of each status
// (docs/topology.md, Statuses): green when it works, red when it does not, amber while it
// recovers, grey when KubeDesk cannot tell or it is off.
import type { TopologyNodeKind, TopologyStatus } from '../../../../../electron/shared/ipc-contract.ts';

export const KIND_LABEL: Record<TopologyNodeKind, string> = {
  browser: 'This laptop',
  'local-proxy': 'API proxy',
  'service-gateway': 'Service gateway',
  'port-forward': 'Port-forward',
  'apiserver-lb': 'Apiserver LB',
  apiserver: 'Apiserver',
  'apiserver-proxy': 'Apiserver proxy',
  kubelet: 'Node · kubelet',
  'kube-proxy': 'kube-proxy',
  service: 'Service',
  pod: 'Pod',
  'cloud-lb': 'Cloud LB',
};

export const STATUS_LABEL: Record<TopologyStatus, string> = {
  active: 'Active',
  ready: 'Ready',
  'not-ready': 'Not ready',
  reconnecting: 'Reconnecting',
  failed: 'Failed',
  stopped: 'Stopped',
  'not-detected': 'Not detected',
  unknown: 'Unknown',
};

export type StatusTone = 'ok' | 'bad' | 'warn' | 'off';

export const STATUS_TONE: Record<TopologyStatus, StatusTone> = {
  active: 'ok',
  ready: 'ok',
  'not-ready': 'bad',
  failed: 'bad',
  reconnecting: 'warn',
  stopped: 'off',
  'not-detected': 'off',
  unknown: 'off',
};
