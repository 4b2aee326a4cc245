// One row of the Services view and of `kubedesk services --json` (docs/services.md, Summaries): the
// service's ports, its apiserver service-proxy URL per port (docs/service-proxy.md, URL forms; the
// same URL `kubedesk url` prints) and its external addresses, `ADDRESS:PORT` per port.
import type { ServicePortInfo, ServiceReadiness, ServiceSummary } from '../../../shared/contract/services.ts';
import { serviceProxyPath, serviceProxyUrl, type ServiceProxyTarget, type ServiceRef } from '../proxy-url.ts';
import type { ServiceRecord } from './records.ts';

/**
 * The service-proxy id of one port: its name, else its number (the apiserver maps a number to the
 * port's name). `https:` as kubectl cluster-info guesses it (port named `https` or 443), or when the
 * port's appProtocol says so.
 */
function portRef(name: string, port: ServicePortInfo): ServiceRef {
  const https = port.appProtocol === 'https' || port.name === 'https' || port.port === 443;
  return { scheme: https ? 'https' : '', name, port: port.name || String(port.port) };
}

/** LoadBalancer ingress addresses, then spec.externalIPs. */
export function externalAddresses(svc: ServiceRecord): string[] {
  const out = svc.type === 'LoadBalancer' ? [...svc.ingress] : [];
  for (const ip of svc.externalIPs) if (!out.includes(ip)) out.push(ip);
  return out;
}

/** `ADDRESS:PORT`, IPv6 bracketed. */
export function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

const PROBE: ServiceProxyTarget = { namespace: 'default', service: { scheme: '', name: 'probe', port: '' } };
let base: { server: string; prefix: string } | undefined;

/**
 * serviceProxyUrl() for many services of one server: the server part (scheme, host, its own path)
 * is worked out once, as serviceProxyUrl() joins it, instead of parsing the server URL 10,000 times.
 */
function proxyUrl(server: string, target: ServiceProxyTarget): string {
  if (base?.server !== server) {
    const url = serviceProxyUrl(server, PROBE);
    base = { server, prefix: url.slice(0, url.length - serviceProxyPath(PROBE).length) };
  }
  return base.prefix + serviceProxyPath(target);
}

export function summarize(svc: ServiceRecord, readiness: ServiceReadiness, server: string): ServiceSummary {
  const external: string[] = [];
  for (const address of externalAddresses(svc)) for (const p of svc.ports) external.push(hostPort(address, p.port));
  return {
    namespace: svc.namespace,
    name: svc.name,
    type: svc.type,
    headless: svc.clusterIP === 'None',
    clusterIP: svc.clusterIP,
    ports: svc.ports,
    selector: svc.selector,
    readiness,
    proxyUrls: svc.ports.map((p) => proxyUrl(server, { namespace: svc.namespace, service: portRef(svc.name, p) })),
    external,
    created: svc.created,
  };
}
