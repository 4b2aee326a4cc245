// Every way to reach each port of a service (docs/services.md, Ways to connect), following the
// Kubernetes "Accessing Clusters" and "Connect Applications with Services" guides: the apiserver
// proxy, a port-forward, NodePorts on each node address, the load balancer, pod addresses of a
// headless service, cluster DNS from inside a pod, and `kubectl exec` into one of its pods.
import type { ServiceDetail, ServiceSummary, WayToConnect } from '../../../shared/contract/services.ts';
import type { EndpointRecord, NodeRecord, PodRecord, ServiceRecord } from './records.ts';
import { externalAddresses, hostPort } from './summary.ts';

export interface WaysInputs {
  service: ServiceRecord;
  summary: ServiceSummary;
  endpoints: EndpointRecord[];
  /** Pods by name (the service's namespace). */
  pods: Map<string, PodRecord>;
  nodes: NodeRecord[];
}

const NO_READY = 'no ready endpoints';

function way(w: WayToConnect['way'], port: string, label: string, value: string, reason?: string): WayToConnect {
  return reason ? { way: w, port, label, value, available: false, reason } : { way: w, port, label, value, available: true };
}

/** The first ready pod behind the service, for `kubectl exec`. */
function readyPod(i: WaysInputs): string | null {
  for (const e of i.endpoints) for (const a of e.addresses) if (a.ready && a.pod) return a.pod;
  return null;
}

export function waysToConnect(i: WaysInputs): WayToConnect[] {
  const { service: s, summary } = i;
  const ns = s.namespace;
  const ready = summary.readiness.ready > 0;
  const dns = `${s.name}.${ns}.svc`;
  const execPod = readyPod(i);
  const out: WayToConnect[] = [];
  s.ports.forEach((p, index) => {
    const port = p.name || String(p.port);
    const udp = p.protocol === 'UDP';
    out.push(
      way(
        'api-proxy',
        port,
        'API proxy',
        summary.proxyUrls[index] ?? '',
        udp ? 'UDP is not supported by the apiserver proxy' : ready ? undefined : NO_READY,
      ),
    );
    out.push(
      way(
        'port-forward',
        port,
        'Port-forward',
        `kubedesk forward -n ${ns} svc/${s.name} :${p.port}`,
        udp ? 'UDP is not supported by port-forward' : !s.selector ? 'the service has no selector' : ready ? undefined : NO_READY,
      ),
    );
    if ((s.type === 'NodePort' || s.type === 'LoadBalancer') && p.nodePort) {
      const addresses = i.nodes.flatMap((n) =>
        n.addresses.filter((a) => a.type === 'InternalIP' || a.type === 'ExternalIP').map((a) => ({ node: n.name, ...a })),
      );
      if (addresses.length === 0) out.push(way('node-port', port, 'NodePort', `NODE:${p.nodePort}`, 'no node addresses known'));
      for (const a of addresses)
        out.push(
          way('node-port', port, `NodePort on ${a.node} (${a.type})`, hostPort(a.address, p.nodePort), ready ? undefined : NO_READY),
        );
    }
    if (s.type === 'LoadBalancer' && s.ingress.length === 0)
      out.push(way('load-balancer', port, 'Load balancer', '', 'no external IP yet'));
    for (const address of externalAddresses(s)) {
      const label = s.ingress.includes(address) ? 'Load balancer' : 'External IP';
      out.push(way('load-balancer', port, label, hostPort(address, p.port), ready ? undefined : NO_READY));
    }
    if (summary.headless) {
      let any = false;
      for (const e of i.endpoints) {
        const target = e.ports.find((ep) => ep.name === p.name)?.port ?? (typeof p.targetPort === 'number' ? p.targetPort : p.port);
        for (const a of e.addresses) {
          if (!a.ready) continue;
          any = true;
          out.push(way('pod-address', port, `Pod ${a.pod ?? a.ip}`, hostPort(a.ip, target)));
        }
      }
      if (!any) out.push(way('pod-address', port, 'Pod address', '', NO_READY));
    }
    out.push(way('cluster-dns', port, 'Cluster DNS (from a pod)', `${dns}:${p.port}`));
    const scheme = p.port === 443 || p.name === 'https' ? 'https' : 'http';
    const exec = `kubectl exec -n ${ns} -it ${execPod ?? 'POD'} -- wget -qO- ${scheme}://${dns}:${p.port}/`;
    out.push(
      way(
        'kubectl-exec',
        port,
        execPod ? `kubectl exec into ${execPod}` : 'kubectl exec',
        exec,
        udp ? 'wget speaks HTTP over TCP; use a UDP client from the pod' : execPod ? undefined : 'no ready pod to exec into',
      ),
    );
  });
  return out;
}

/** The pods behind the service: those its endpoints name, then those its selector matches. */
export function podsOf(i: { endpoints: EndpointRecord[]; pods: Map<string, PodRecord>; selected: PodRecord[] }): ServiceDetail['pods'] {
  const seen = new Map<string, ServiceDetail['pods'][number]>();
  for (const e of i.endpoints) {
    for (const a of e.addresses) {
      if (!a.pod || seen.has(a.pod)) continue;
      const p = i.pods.get(a.pod);
      seen.set(a.pod, {
        name: a.pod,
        ip: a.ip,
        ready: a.ready,
        node: a.node ?? p?.node ?? null,
        reason: a.ready ? null : (p?.reason ?? 'NotReady'),
      });
    }
  }
  for (const p of i.selected)
    if (!seen.has(p.name)) seen.set(p.name, { name: p.name, ip: p.ip, ready: p.ready, node: p.node, reason: p.reason });
  return [...seen.values()];
}
