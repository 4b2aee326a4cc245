// Server-side printing of services and their endpoints, as kube-apiserver's printers fill the
// Table (pkg/printers/internalversion/printers.go: printService, printEndpoints,
// printEndpointSlice): TYPE/CLUSTER-IP/EXTERNAL-IP/PORT(S), and at most three addresses
// followed by `+ N more...`.
import { age } from './human-duration.ts';
import type { EndpointSlice, Endpoints, Service } from '../kube/kube-objects.ts';
import { formatSelector } from '../kube/label-selector.ts';
import { AGE, NAME, col, type Printer } from './table-printer.ts';

function portsCell(s: Service): string {
  const ports = s.spec.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function externalIpCell(s: Service): string {
  const type = s.spec.type ?? 'ClusterIP';
  if (type === 'ExternalName') return s.spec.externalName ?? '<none>';
  const ext = [...(s.spec.externalIPs ?? [])];
  if (type === 'LoadBalancer') {
    const ingress = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean);
    const all = [...ingress, ...ext];
    return all.length ? all.join(',') : '<pending>';
  }
  return ext.length ? ext.join(',') : '<none>';
}

function serviceRow(s: Service, now: number): unknown[] {
  return [
    s.metadata.name,
    s.spec.type ?? 'ClusterIP',
    s.spec.clusterIP ?? '<none>',
    externalIpCell(s),
    portsCell(s),
    age(s, now),
    s.spec.selector ? formatSelector(s.spec.selector) : '<none>',
  ];
}

function endpointsCell(e: Endpoints): string {
  const out: string[] = [];
  let total = 0;
  for (const ss of e.subsets ?? []) {
    for (const a of ss.addresses ?? []) {
      for (const p of ss.ports?.length ? ss.ports : [undefined]) {
        total++;
        if (out.length < 3) out.push(p ? `${a.ip}:${p.port}` : a.ip);
      }
    }
  }
  if (total === 0) return '<none>';
  return total > 3 ? `${out.join(',')} + ${total - 3} more...` : out.join(',');
}

function sliceEndpointsCell(s: EndpointSlice): string {
  const ips = s.endpoints.flatMap((e) => e.addresses);
  if (ips.length === 0) return '<unset>';
  return ips.length > 3 ? `${ips.slice(0, 3).join(',')} + ${ips.length - 3} more...` : ips.join(',');
}

export const NETWORK_PRINTERS: Record<string, Printer> = {
  services: {
    columns: [NAME, col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), AGE, col('Selector', 'string', 1)],
    row: (o, now) => serviceRow(o as Service, now),
  },
  endpoints: { columns: [NAME, col('Endpoints'), AGE], row: (o, now) => [o.metadata.name, endpointsCell(o as Endpoints), age(o, now)] },
  'discovery.k8s.io/endpointslices': {
    columns: [NAME, col('AddressType'), col('Ports'), col('Endpoints'), AGE],
    row: (o, now) => {
      const s = o as EndpointSlice;
      const ports = s.ports.length ? s.ports.map((p) => String(p.port)).join(',') : '<unset>';
      return [s.metadata.name, s.addressType, ports, sliceEndpointsCell(s), age(s, now)];
    },
  },
};
