// Reads what the topology needs from a cluster, once (docs/topology.md, Where the data comes from):
// the `default/kubernetes` endpoints (the apiservers), nodes, kube-system's kube-proxy pods, and the
// services and pods in scope. A read the user has no rights for leaves its hop "not detected"
// instead of failing the whole picture; the services and pods in scope must be readable.
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { kubeJson } from '../cluster/kube-request.ts';
import { KubeDeskError } from '../errors.ts';
import type { EndpointSlice, Endpoints, List, Node, Pod, Service } from '../kube/kube-objects.ts';
import type { TopologyInput } from './topology-input.ts';

type ClusterPart = Pick<TopologyInput, 'apiservers' | 'nodes' | 'pods' | 'kubeProxyPods' | 'services'>;

async function optional<T>(read: Promise<T>, fallback: T): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof KubeDeskError && (err.code === 'forbidden' || err.code === 'not-found')) return fallback;
    throw err;
  }
}

/** `IP:PORT` of each ready apiserver endpoint: the EndpointSlice, else the Endpoints object. */
async function apiserverAddresses(conn: ClusterConnection, signal?: AbortSignal): Promise<string[]> {
  const join = (ip: string, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);
  const slices = await optional(
    kubeJson<List<EndpointSlice>>(conn, {
      path: '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices',
      query: { labelSelector: 'kubernetes.io/service-name=kubernetes' },
      signal,
    }),
    null,
  );
  const fromSlices = (slices?.items ?? []).flatMap((s) => {
    const port = s.ports.find((p) => p.name === 'https')?.port ?? s.ports[0]?.port ?? 443;
    return s.endpoints.filter((e) => e.conditions.ready !== false).flatMap((e) => e.addresses.map((ip) => join(ip, port)));
  });
  if (fromSlices.length > 0) return fromSlices;
  const ep = await optional(kubeJson<Endpoints>(conn, { path: '/api/v1/namespaces/default/endpoints/kubernetes', signal }), null);
  return (ep?.subsets ?? []).flatMap((s) => {
    const port = s.ports?.find((p) => p.name === 'https')?.port ?? s.ports?.[0]?.port ?? 443;
    return (s.addresses ?? []).map((a) => join(a.ip, port));
  });
}

export async function readTopologyInput(conn: ClusterConnection, namespace: string | null, signal?: AbortSignal): Promise<ClusterPart> {
  const scope = namespace === null ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  const [apiservers, nodes, kubeProxyPods, services, pods] = await Promise.all([
    apiserverAddresses(conn, signal),
    optional(
      kubeJson<List<Node>>(conn, { path: '/api/v1/nodes', signal }).then((l) => l.items),
      [],
    ),
    optional(
      kubeJson<List<Pod>>(conn, {
        path: '/api/v1/namespaces/kube-system/pods',
        query: { labelSelector: 'k8s-app=kube-proxy' },
        signal,
      }).then((l) => l.items),
      [],
    ),
    kubeJson<List<Service>>(conn, { path: `/api/v1${scope}/services`, signal }).then((l) => l.items),
    kubeJson<List<Pod>>(conn, { path: `/api/v1${scope}/pods`, signal }).then((l) => l.items),
  ]);
  return { apiservers, nodes, kubeProxyPods, services, pods };
}
