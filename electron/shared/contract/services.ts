// Contract fragment: services of a context, kept live by one watch set per context (core/services/),
// every way to reach each, the service gateways behind one-click Open, and the access recipes
// (docs/services.md). Rows are lean so 10,000 services cross IPC at once; the ways to connect come
// per service with `services:detail`.

export const SERVICE_READINESS = ['ready', 'not-ready', 'no-selector', 'no-endpoints'] as const;
export type ServiceReadinessState = (typeof SERVICE_READINESS)[number];

export interface ServicePortInfo {
  /** '' for an unnamed port. */
  name: string;
  port: number;
  /** A container port number or a named container port. */
  targetPort: number | string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  nodePort: number | null;
  appProtocol?: string | undefined;
}

export interface ServiceReadiness {
  state: ServiceReadinessState;
  /** Ready and not-ready endpoint addresses (EndpointSlices, else Endpoints). */
  ready: number;
  notReady: number;
  /** For not-ready pods: `web-7c9 CrashLoopBackOff`, `api-1 Pending (Unschedulable)`; at most a few. */
  reasons: string[];
}

/** One row of the Services view and of `kubedesk services --json` (docs/cli.md). */
export interface ServiceSummary {
  namespace: string;
  name: string;
  /** ClusterIP, NodePort, LoadBalancer, ExternalName; headless ClusterIP services say so in `headless`. */
  type: string;
  headless: boolean;
  clusterIP: string | null;
  ports: ServicePortInfo[];
  /** Null: a service without a selector (its endpoints are managed by hand). */
  selector: Record<string, string> | null;
  readiness: ServiceReadiness;
  /** The apiserver service-proxy URL per port (docs/service-proxy.md), in port order. */
  proxyUrls: string[];
  /** LoadBalancer ingress addresses and external IPs, `ADDRESS:PORT` per port. */
  external: string[];
  /** `metadata.creationTimestamp`. */
  created: string | null;
}

export const CONNECT_WAYS = [
  'api-proxy',
  'port-forward',
  'node-port',
  'load-balancer',
  'pod-address',
  'cluster-dns',
  'kubectl-exec',
] as const;
export type ConnectWay = (typeof CONNECT_WAYS)[number];

/** One way to reach one port of a service, with what to copy; unavailable ones say why. */
export interface WayToConnect {
  way: ConnectWay;
  /** The service port it applies to (its name, else its number). */
  port: string;
  /** Short text for the UI: `API proxy`, `NodePort on node-1`. */
  label: string;
  /** What the copy button copies: a URL, an address, a command. Never a secret. */
  value: string;
  available: boolean;
  /** Why it cannot work (no ready endpoints, no external IP, UDP). */
  reason?: string | undefined;
}

export interface ServiceDetail {
  context: string;
  service: ServiceSummary;
  ways: WayToConnect[];
  /** Pods behind the service, with their addresses and status. */
  pods: { name: string; ip: string | null; ready: boolean; node: string | null; reason: string | null }[];
}

/** The state of a context's watch set. */
export const SERVICES_SYNC = ['syncing', 'live', 'reconnecting'] as const;
export type ServicesSync = (typeof SERVICES_SYNC)[number];

export interface ServicesWatchRequest {
  context: string;
  /** Null or absent: all namespaces. */
  namespace?: string | null | undefined;
}

export interface ServicesSnapshot {
  /** Pass to `services:unwatch`; events carry it. */
  watchId: string;
  context: string;
  namespace: string | null;
  sync: ServicesSync;
  items: ServiceSummary[];
}

/** A batch of changes to one watch (coalesced, a few per second at most). */
export interface ServicesChanged {
  watchId: string;
  context: string;
  sync: ServicesSync;
  /** Set while reconnecting: the last error, secrets removed. */
  message?: string | undefined;
  upserted: ServiceSummary[];
  /** `NS/NAME` of each service gone. */
  removed: string[];
}

export const GATEWAY_STATES = ['listening', 'stopped'] as const;
export type GatewayState = (typeof GATEWAY_STATES)[number];

export interface GatewayInfo {
  /** `CONTEXT/NS/NAME:PORT`. */
  id: string;
  context: string;
  namespace: string;
  service: string;
  /** The service port served (its name, else its number). */
  port: string;
  /** `api-proxy`: through the apiserver's service proxy; `port-forward`: through a forward to a pod. */
  via: 'api-proxy' | 'port-forward';
  state: GatewayState;
  /** `http://127.0.0.1:PORT/`: the service at `/`, on an origin of its own. */
  url: string;
  since: string;
  /** Closed after this long without a request or an open connection. */
  idleTimeoutMs: number;
  stats: { requests: number; refused: number; active: number; bytesIn: number; bytesOut: number; lastUsed: string | null };
}

export interface ServiceOpenRequest {
  context: string;
  namespace: string;
  /** `[https:]NAME[:PORT]` as `kubedesk url` takes it. */
  service: string;
  via?: 'api-proxy' | 'port-forward' | undefined;
}

export const RECIPE_LANGUAGES = ['shell', 'go', 'python', 'javascript', 'text'] as const;
export type RecipeLanguage = (typeof RECIPE_LANGUAGES)[number];

/** "Directly accessing the REST API", "Programmatic access", "Accessing the API from a pod". */
export interface AccessRecipe {
  id: string;
  title: string;
  language: RecipeLanguage;
  /** Copyable text; secrets only as a command that reads them from the keychain. */
  text: string;
  /** E.g. why `insecure-skip-tls-verify` is dangerous. */
  warning?: string | undefined;
}

export interface ServicesContract {
  /** Starts (or joins) the context's watch set and returns what it holds now. */
  'services:watch': { req: ServicesWatchRequest; res: ServicesSnapshot };
  /** The watch set stops when its last watcher leaves. */
  'services:unwatch': { req: { watchId: string }; res: void };
  'services:detail': { req: { context: string; namespace: string; name: string }; res: ServiceDetail };
  /** Starts or reuses the service's gateway; the caller opens `url` in the user's browser. */
  'services:open': { req: ServiceOpenRequest; res: GatewayInfo };
  'services:gateways': { req: void; res: GatewayInfo[] };
  'services:stop-gateway': { req: { id: string }; res: void };
  'services:recipes': { req: { context: string }; res: AccessRecipe[] };
}

export interface ServicesEvents {
  'services:changed': ServicesChanged;
  /** Started, stopped (by the user or idle) or its stats changed. */
  'services:gateway-changed': GatewayInfo;
}

export const SERVICES_CHANNELS = [
  'services:watch',
  'services:unwatch',
  'services:detail',
  'services:open',
  'services:gateways',
  'services:stop-gateway',
  'services:recipes',
] as const;
export const SERVICES_EVENT_CHANNELS = ['services:changed', 'services:gateway-changed'] as const;
