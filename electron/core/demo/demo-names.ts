// The demo world's fixed names, addresses and ports, exported so tests and the app can refer to
// them instead of repeating literals. Pod names of Deployments start with `<app>-<rs hash>-`
// and get a fresh random suffix when chaos restarts them; find pods by label (`app=web`).

export const DEMO_CLUSTER_NAME = 'demo';
/** The contexts the written kubeconfig holds, one per way of authenticating. */
export const DEMO_CONTEXTS = { token: 'demo', basic: 'demo-basic', cert: 'demo-cert' } as const;
/** The namespace of every demo context. */
export const DEMO_NAMESPACE = 'shop';
export const DEMO_BULK_NAMESPACE = 'bulk';
export const DEMO_SERVER_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.4' } as const;

/** Who each credential authenticates as (SelfSubjectReview / `whoami`). */
export const DEMO_USERS = {
  token: { username: 'demo-admin', groups: ['system:masters', 'system:authenticated'] },
  basic: { username: 'demo', groups: ['demo:viewers', 'system:authenticated'] },
  cert: { username: 'demo-cert-user', groups: ['system:masters', 'system:authenticated'] },
} as const;

export interface DemoNode {
  name: string;
  internalIP: string;
  externalIP: string;
  zone: string;
  controlPlane: boolean;
  /** Third octet of its pod CIDR 10.244.N.0/24. */
  podNet: number;
}

export const DEMO_NODES: readonly DemoNode[] = [
  { name: 'demo-control-plane-1', internalIP: '10.0.0.10', externalIP: '203.0.113.10', zone: 'demo-a', controlPlane: true, podNet: 0 },
  { name: 'demo-control-plane-2', internalIP: '10.0.0.11', externalIP: '203.0.113.11', zone: 'demo-b', controlPlane: true, podNet: 1 },
  { name: 'demo-worker-1', internalIP: '10.0.0.21', externalIP: '203.0.113.21', zone: 'demo-a', controlPlane: false, podNet: 2 },
  { name: 'demo-worker-2', internalIP: '10.0.0.22', externalIP: '203.0.113.22', zone: 'demo-b', controlPlane: false, podNet: 3 },
];

/** `default/kubernetes` endpoints: two apiservers behind the service (a load balancer in front). */
export const DEMO_APISERVER_ADDRESSES = ['10.0.0.10', '10.0.0.11'] as const;
export const DEMO_APISERVER_PORT = 6443;

/** shop/web: Deployment + ClusterIP service, port 80 `http` → targetPort `http` (8080). */
export const DEMO_WEB = {
  namespace: 'shop',
  name: 'web',
  service: 'web',
  servicePort: 80,
  portName: 'http',
  containerPort: 8080,
  replicas: 2,
  selector: { app: 'web' },
  podPrefix: 'web-5d8f7c9b6d-',
} as const;

/** shop/api: two ports, `http` 80 → 8080 (JSON API) and `metrics` 9090 → 9090. */
export const DEMO_API = {
  namespace: 'shop',
  name: 'api',
  service: 'api',
  ports: { http: { port: 80, containerPort: 8080 }, metrics: { port: 9090, containerPort: 9090 } },
  selector: { app: 'api' },
  podPrefix: 'api-6f9c8d7b5c-',
} as const;

/** shop/echo: NodePort service to a TCP echo server. */
export const DEMO_ECHO = {
  namespace: 'shop',
  name: 'echo',
  service: 'echo',
  servicePort: 9000,
  portName: 'echo',
  containerPort: 9000,
  nodePort: 30900,
  selector: { app: 'echo' },
  podPrefix: 'echo-5c7b9f6d84-',
} as const;

/** shop/ticker: a slow chunked HTTP stream (`tick N` lines), port 80 `http` → 8080. */
export const DEMO_TICKER = {
  namespace: 'shop',
  name: 'ticker',
  service: 'ticker',
  servicePort: 80,
  portName: 'http',
  containerPort: 8080,
  selector: { app: 'ticker' },
  podPrefix: 'ticker-7b6d5f8c9d-',
} as const;

/** shop/storefront: a LoadBalancer in front of the web pods with a cloud ingress IP. */
export const DEMO_STOREFRONT = {
  namespace: 'shop',
  service: 'storefront',
  servicePort: 80,
  nodePort: 31080,
  ingressIP: '203.0.113.50',
} as const;

/** shop/orders: its only pod crash-loops, so the service has no ready endpoint (503 via the proxy). */
export const DEMO_ORDERS = {
  namespace: 'shop',
  name: 'orders',
  service: 'orders',
  servicePort: 80,
  podPrefix: 'orders-84d6b7c9f5-',
} as const;

/** shop/web-headless (clusterIP None) and shop/legacy-db (no selector, manual endpoints). */
export const DEMO_HEADLESS = { namespace: 'shop', service: 'web-headless' } as const;
export const DEMO_NO_SELECTOR = { namespace: 'shop', service: 'legacy-db', address: '192.168.50.10', port: 5432 } as const;

/** A pod that can never be scheduled. */
export const DEMO_PENDING_POD = { namespace: 'shop', name: 'report-generator' } as const;

/** kube-system services with `kubernetes.io/cluster-service: "true"` (cluster-info lists them). */
export const DEMO_KUBE_DNS = {
  namespace: 'kube-system',
  service: 'kube-dns',
  clusterIP: '10.96.0.10',
  displayName: 'CoreDNS',
  metricsPort: 9153,
} as const;
export const DEMO_DASHBOARD = { namespace: 'kube-system', service: 'kubernetes-dashboard', servicePort: 443, containerPort: 8443 } as const;
export const DEMO_GRAFANA = { namespace: 'kube-system', service: 'monitoring-grafana', servicePort: 80, containerPort: 3000 } as const;

/** The `--services N` services: `bulk/svc-00001` …, port 80 `http`, two backing pods. */
export function bulkServiceName(i: number): string {
  return `svc-${String(i).padStart(5, '0')}`;
}
