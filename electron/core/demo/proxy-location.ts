// Where the apiserver's proxy subresources lead (docs/service-proxy.md): the id segment split as
// apimachinery's SplitSchemeNamePort does, then resolved as kube-apiserver's ResourceLocation
// does (pkg/registry/core/{service/storage,pod,node}): a service port name via Endpoints and a
// random ready address, a pod's first container port, a node's kubelet endpoint. When there is
// nowhere to go it throws the apiserver's Status errors.
import { R } from './api-resources.ts';
import { badRequest, notFound, serviceUnavailable } from './api-status.ts';
import type { Endpoints, Node, Pod, Service } from '../kube/kube-objects.ts';
import type { ObjectStore } from './object-store.ts';

export interface ProxyTarget {
  kind: 'services' | 'pods' | 'nodes';
  namespace?: string;
  /** The id segment: `NAME`, `NAME:PORT`, `SCHEME:NAME:PORT`. */
  id: string;
  /** The raw request path up to and including `/proxy`. */
  prefix: string;
  /** The raw path after `/proxy` ('' when absent). */
  rest: string;
  /** The raw query, without '?'. */
  query: string;
}

export interface ProxyLocation {
  scheme: 'http' | 'https';
  ip: string;
  port: number | string;
}

const WELL_KNOWN: Record<string, number> = { http: 80, https: 443, www: 80 };

/** apimachinery SplitSchemeNamePort. */
export function splitSchemeNamePort(id: string): { scheme: string; name: string; port: string } | undefined {
  const parts = id.split(':');
  let scheme = '';
  let name: string;
  let port = '';
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) [name, port] = parts as [string, string];
  else if (parts.length === 3) [scheme, name, port] = parts as [string, string, string];
  else return undefined;
  if (name.length === 0 || (scheme !== '' && scheme !== 'http' && scheme !== 'https')) return undefined;
  return { scheme, name, port };
}

function scheme(s: string): 'http' | 'https' {
  return s === 'https' ? 'https' : 'http';
}

/** ResourceLocation: throws the apiserver's ApiError when there is nowhere to go. */
export function resolveProxyLocation(store: ObjectStore, t: ProxyTarget): ProxyLocation {
  const parsed = splitSchemeNamePort(t.id);
  if (t.kind === 'services') {
    if (!parsed) throw badRequest(`invalid service request "${t.id}"`);
    let portName = parsed.port;
    if (/^\d+$/.test(portName)) {
      const svc = store.get(R.services, t.namespace, parsed.name) as Service | undefined;
      if (!svc) throw notFound('services', parsed.name, 'services');
      const sp = (svc.spec.ports ?? []).find((p) => p.port === Number(portName));
      if (!sp) throw serviceUnavailable(`no service port ${portName} found for service "${parsed.name}"`);
      portName = sp.name ?? '';
    }
    const eps = store.get(R.endpoints, t.namespace, parsed.name) as Endpoints | undefined;
    if (!eps) throw notFound('endpoints', parsed.name, 'endpoints');
    const subsets = eps.subsets ?? [];
    if (subsets.length === 0) throw serviceUnavailable(`no endpoints available for service "${parsed.name}"`);
    const seed = Math.floor(Math.random() * subsets.length);
    for (let i = 0; i < subsets.length; i++) {
      const ss = subsets[(seed + i) % subsets.length]!;
      const addrs = ss.addresses ?? [];
      if (addrs.length === 0) continue;
      const port = (ss.ports ?? []).find((p) => (p.name ?? '') === portName);
      if (!port) continue;
      const aSeed = Math.floor(Math.random() * addrs.length);
      for (let k = 0; k < addrs.length; k++) {
        const a = addrs[(aSeed + k) % addrs.length]!;
        if (a.targetRef?.kind === 'Pod') {
          const pod = store.get(R.pods, a.targetRef.namespace ?? t.namespace, a.targetRef.name) as Pod | undefined;
          if (!pod || pod.status.podIP !== a.ip) continue;
        }
        return { scheme: scheme(parsed.scheme), ip: a.ip, port: port.port };
      }
    }
    throw serviceUnavailable(`no endpoints available for service "${t.id}"`);
  }
  if (t.kind === 'pods') {
    if (!parsed) throw badRequest(`invalid pod request "${t.id}"`);
    const pod = store.get(R.pods, t.namespace, parsed.name) as Pod | undefined;
    if (!pod) throw notFound('pods', parsed.name, 'pods');
    let port: number | string = parsed.port;
    if (port === '') {
      for (const c of pod.spec.containers) {
        if (c.ports?.length) {
          port = c.ports[0]!.containerPort;
          break;
        }
      }
    }
    if (!pod.status.podIP) throw badRequest('address not allowed');
    if (port === '') port = 80;
    if (typeof port === 'string') port = /^\d+$/.test(port) ? Number(port) : (WELL_KNOWN[port] ?? port);
    return { scheme: scheme(parsed.scheme), ip: pod.status.podIP, port };
  }
  if (!parsed) throw badRequest(`invalid node request "${t.id}"`);
  const node = store.get(R.nodes, undefined, parsed.name) as Node | undefined;
  if (!node) throw notFound('nodes', parsed.name, 'nodes');
  const ip = node.status.addresses.find((a) => a.type === 'InternalIP')?.address;
  if (!ip) throw badRequest('address not allowed');
  const kubelet = node.status.daemonEndpoints?.kubeletEndpoint.Port ?? 10250;
  return {
    scheme: parsed.port === '' ? 'https' : scheme(parsed.scheme),
    ip,
    port: parsed.port === '' ? kubelet : /^\d+$/.test(parsed.port) ? Number(parsed.port) : parsed.port,
  };
}
