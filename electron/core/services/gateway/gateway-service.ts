// The service port a gateway serves, checked against the cluster before anything starts
// (docs/service-gateway.md, Opening): the Service must exist, the asked port must be one of its
// ports (a name, else a number; none: its only port), and that port must be TCP.
import type { ClusterConnection } from '../../cluster/cluster-connection.ts';
import { kubeJson } from '../../cluster/kube-request.ts';
import { KubeDeskError } from '../../errors.ts';
import type { Service, ServicePort } from '../../kube/kube-objects.ts';
import { serviceProxyPath, type ServiceRef } from '../proxy-url.ts';

export interface GatewayService {
  namespace: string;
  name: string;
  /** The port served: its name, else its number. */
  port: string;
  /** The port's number (what a port-forward to the service asks for). */
  number: number;
  /** `/api/v1/namespaces/NS/services/ID/proxy` (no trailing slash). */
  prefix: string;
}

function describePorts(ports: readonly ServicePort[]): string {
  return ports.map((p) => (p.name ? `${p.name} (${p.port})` : String(p.port))).join(', ') || 'no ports';
}

function pickPort(what: string, ports: readonly ServicePort[], asked: string): ServicePort {
  if (asked === '') {
    if (ports.length === 1) return ports[0]!;
    throw new KubeDeskError(
      'invalid-input',
      `service ${what} has ${ports.length === 0 ? 'no ports' : `several ports; name one: ${describePorts(ports)}`}`,
    );
  }
  const byNumber = /^\d+$/.test(asked);
  const found = ports.find((p) => (byNumber ? p.port === Number(asked) : p.name === asked));
  if (!found) throw new KubeDeskError('invalid-input', `service ${what} has no port "${asked}"; it has: ${describePorts(ports)}`);
  return found;
}

export async function resolveGatewayService(
  conn: ClusterConnection,
  namespace: string,
  ref: ServiceRef,
  signal?: AbortSignal,
): Promise<GatewayService> {
  const what = `"${namespace}/${ref.name}"`;
  // Checks the namespace's spelling before it goes into a URL.
  serviceProxyPath({ namespace, service: ref });
  let svc: Service;
  try {
    svc = await kubeJson<Service>(conn, { path: `/api/v1/namespaces/${namespace}/services/${ref.name}`, signal });
  } catch (err) {
    if (err instanceof KubeDeskError && err.code === 'not-found') throw new KubeDeskError('not-found', `service ${what} not found`);
    throw err;
  }
  const sp = pickPort(what, svc.spec.ports ?? [], ref.port);
  if ((sp.protocol ?? 'TCP') !== 'TCP')
    throw new KubeDeskError('invalid-input', `service ${what} port ${sp.name || sp.port} is ${sp.protocol}, not HTTP over TCP`);
  const port = sp.name || String(sp.port);
  // `https:` when asked, or when the port says so (as kubectl cluster-info picks it, docs/service-proxy.md).
  const scheme = ref.scheme || (sp.name === 'https' || sp.port === 443 ? 'https' : '');
  const prefix = serviceProxyPath({ namespace, service: { scheme, name: ref.name, port } }).replace(/\/$/, '');
  return { namespace, name: ref.name, port, number: sp.port, prefix };
}
