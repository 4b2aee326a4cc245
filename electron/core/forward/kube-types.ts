// The few fields of core/v1 Pod and Service and apps/v1 Deployment that port-forwarding reads.
// Plain JSON shapes as the apiserver sends them; everything optional, as in the API.

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface Container {
  name: string;
  ports?: ContainerPort[];
}

export interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

export interface ContainerStatus {
  name?: string;
  restartCount?: number;
}

export interface Pod {
  metadata: ObjectMeta;
  spec?: { nodeName?: string; containers?: Container[]; initContainers?: Container[] };
  status?: { phase?: string; conditions?: PodCondition[]; containerStatuses?: ContainerStatus[] };
}

export interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  /** int or string (IntOrString). Absent or 0 means "same as port". */
  targetPort?: number | string;
}

export interface Service {
  metadata: ObjectMeta;
  spec?: { selector?: Record<string, string>; ports?: ServicePort[]; clusterIP?: string; type?: string };
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface Deployment {
  metadata: ObjectMeta;
  spec?: { selector?: LabelSelector };
}

export interface List<T> {
  metadata?: { resourceVersion?: string };
  items: T[];
}
