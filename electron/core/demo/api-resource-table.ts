// The resources the demo apiserver serves, as discovery describes them (`/api/v1`,
// `/apis/GROUP/VERSION`): verbs, shortNames and categories match a real 1.32 apiserver for the
// verbs the demo implements, so kubectl's RESTMapper resolves `svc`, `po`, `deploy`, `all`.
// Lookups over this table live in api-resources.ts.

export interface ResourceDef {
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural, lower-case: 'pods'. */
  name: string;
  singularName: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  /** Subresource name → kind and verbs. */
  subresources?: Record<string, { kind: string; verbs: string[]; group?: string; version?: string }>;
  /** Field selector keys the apiserver supports for this resource (besides metadata.name/namespace). */
  fields?: string[];
  /** Served but not stored: create-only review APIs. */
  virtual?: boolean;
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const RESOURCES: readonly ResourceDef[] = [
  {
    group: '',
    version: 'v1',
    name: 'namespaces',
    singularName: 'namespace',
    kind: 'Namespace',
    listKind: 'NamespaceList',
    namespaced: false,
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['ns'],
    subresources: { status: { kind: 'Namespace', verbs: ['get', 'patch', 'update'] } },
    fields: ['status.phase'],
  },
  {
    group: '',
    version: 'v1',
    name: 'nodes',
    singularName: 'node',
    kind: 'Node',
    listKind: 'NodeList',
    namespaced: false,
    verbs: RW,
    shortNames: ['no'],
    subresources: {
      status: { kind: 'Node', verbs: ['get', 'patch', 'update'] },
      proxy: { kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
    },
    fields: ['spec.unschedulable'],
  },
  {
    group: '',
    version: 'v1',
    name: 'pods',
    singularName: 'pod',
    kind: 'Pod',
    listKind: 'PodList',
    namespaced: true,
    verbs: RW,
    shortNames: ['po'],
    categories: ['all'],
    subresources: {
      status: { kind: 'Pod', verbs: ['get', 'patch', 'update'] },
      log: { kind: 'Pod', verbs: ['get'] },
      portforward: { kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
      proxy: { kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
      exec: { kind: 'PodExecOptions', verbs: ['create', 'get'] },
      attach: { kind: 'PodAttachOptions', verbs: ['create', 'get'] },
    },
    fields: [
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.nominatedNodeName',
    ],
  },
  {
    group: '',
    version: 'v1',
    name: 'services',
    singularName: 'service',
    kind: 'Service',
    listKind: 'ServiceList',
    namespaced: true,
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['svc'],
    categories: ['all'],
    subresources: {
      status: { kind: 'Service', verbs: ['get', 'patch', 'update'] },
      proxy: { kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
    },
    fields: ['spec.clusterIP', 'spec.type'],
  },
  {
    group: '',
    version: 'v1',
    name: 'endpoints',
    singularName: 'endpoints',
    kind: 'Endpoints',
    listKind: 'EndpointsList',
    namespaced: true,
    verbs: RW,
    shortNames: ['ep'],
  },
  {
    group: '',
    version: 'v1',
    name: 'configmaps',
    singularName: 'configmap',
    kind: 'ConfigMap',
    listKind: 'ConfigMapList',
    namespaced: true,
    verbs: RW,
    shortNames: ['cm'],
  },
  {
    group: '',
    version: 'v1',
    name: 'events',
    singularName: 'event',
    kind: 'Event',
    listKind: 'EventList',
    namespaced: true,
    verbs: RW,
    shortNames: ['ev'],
    fields: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
    ],
  },
  {
    group: 'apps',
    version: 'v1',
    name: 'deployments',
    singularName: 'deployment',
    kind: 'Deployment',
    listKind: 'DeploymentList',
    namespaced: true,
    verbs: RW,
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: {
      status: { kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
      scale: { kind: 'Scale', verbs: ['get', 'patch', 'update'], group: 'autoscaling', version: 'v1' },
    },
  },
  {
    group: 'apps',
    version: 'v1',
    name: 'replicasets',
    singularName: 'replicaset',
    kind: 'ReplicaSet',
    listKind: 'ReplicaSetList',
    namespaced: true,
    verbs: RW,
    shortNames: ['rs'],
    categories: ['all'],
    subresources: {
      status: { kind: 'ReplicaSet', verbs: ['get', 'patch', 'update'] },
      scale: { kind: 'Scale', verbs: ['get', 'patch', 'update'], group: 'autoscaling', version: 'v1' },
    },
  },
  {
    group: 'discovery.k8s.io',
    version: 'v1',
    name: 'endpointslices',
    singularName: 'endpointslice',
    kind: 'EndpointSlice',
    listKind: 'EndpointSliceList',
    namespaced: true,
    verbs: RW,
  },
  {
    group: 'authentication.k8s.io',
    version: 'v1',
    name: 'selfsubjectreviews',
    singularName: 'selfsubjectreview',
    kind: 'SelfSubjectReview',
    listKind: 'SelfSubjectReviewList',
    namespaced: false,
    verbs: ['create'],
    virtual: true,
  },
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    name: 'selfsubjectaccessreviews',
    singularName: 'selfsubjectaccessreview',
    kind: 'SelfSubjectAccessReview',
    listKind: 'SelfSubjectAccessReviewList',
    namespaced: false,
    verbs: ['create'],
    virtual: true,
  },
];
