// `kubectl cluster-info` (kubectl/pkg/cmd/clusterinfo/clusterinfo.go; docs/cli.md, cluster-info): the
// control plane's URL and, for each service labelled kubernetes.io/cluster-service=true in the
// namespace (kube-system unless -n), the URL it is running at, with kubectl's rules and lines.
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { kubeJson } from '../cluster/kube-request.ts';
import type { List, Service } from '../kube/kube-objects.ts';

interface ClusterService {
  /** Label kubernetes.io/name, else metadata.name. */
  name: string;
  namespace: string;
  url: string;
}

export interface ClusterInfo {
  controlPlane: string;
  services: ClusterService[];
}

const CLUSTER_SERVICE_SELECTOR = 'kubernetes.io/cluster-service=true';
export const CLUSTER_INFO_HINT = "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.";

/** The server as kubectl prints it: the configured URL, no slash added for an empty path. */
export function serverText(server: URL): string {
  return server.pathname === '/' && !server.search ? server.href.replace(/\/$/, '') : server.href;
}

/** k8s.io/apimachinery/pkg/util/net JoinSchemeNamePort: `scheme:name:port`, `name:port` or `name`. */
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme) return `${scheme}:${name}:${port}`;
  if (port) return `${name}:${port}`;
  return name;
}

/** Where one service is running, as clusterinfo.go computes it. */
function clusterServiceUrl(server: string, service: Service): string {
  const ports = service.spec.ports ?? [];
  const ingress = service.status?.loadBalancer?.ingress?.[0];
  if (ingress) {
    const host = ingress.ip || ingress.hostname || '';
    // Each port followed by a space, the last one too (kubectl's output ends the link with it).
    return ports.map((p) => `http://${host}:${p.port} `).join('');
  }
  let id = service.metadata.name;
  const first = ports[0];
  if (first) {
    // kubectl guesses https from the port's name or number.
    const scheme = first.name === 'https' || first.port === 443 ? 'https' : '';
    id = joinSchemeNamePort(scheme, service.metadata.name, first.name ?? '');
  }
  return `${server}/api/v1/namespaces/${service.metadata.namespace ?? ''}/services/${id}/proxy`;
}

export function clusterInfoFrom(server: string, services: readonly Service[]): ClusterInfo {
  return {
    controlPlane: server,
    services: services.map((s) => ({
      name: s.metadata.labels?.['kubernetes.io/name'] || s.metadata.name,
      namespace: s.metadata.namespace ?? '',
      url: clusterServiceUrl(server, s),
    })),
  };
}

/** Lists the cluster services in `namespace` (kubectl: kube-system unless -n). */
export async function clusterInfo(conn: ClusterConnection, namespace: string, signal?: AbortSignal): Promise<ClusterInfo> {
  const list = await kubeJson<List<Service>>(conn, {
    path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/services`,
    query: { labelSelector: CLUSTER_SERVICE_SELECTOR },
    signal,
    timeoutMs: 30_000,
  });
  return clusterInfoFrom(serverText(conn.server), list.items);
}

const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

/** kubectl's printService: green name, ` is running at `, yellow link. */
function formatServiceLine(name: string, link: string, color: boolean): string {
  return color ? `${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}` : `${name} is running at ${link}`;
}

/** kubectl's lines (each without its newline), ending with the empty line and the `cluster-info dump` hint. */
export function formatClusterInfo(info: ClusterInfo, color: boolean): string[] {
  return [
    formatServiceLine('Kubernetes control plane', info.controlPlane, color),
    ...info.services.map((s) => formatServiceLine(s.name, s.url, color)),
    '',
    CLUSTER_INFO_HINT,
  ];
}
