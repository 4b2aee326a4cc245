// From port arguments to (local, container port) pairs for one pod (docs/port-forward.md, Arguments and Service ports):
// kubectl's convertPodNamedPortToNumber, translateServicePortToTargetPort and the UDP checks,
// with their exact error texts. client-node's portForwardService skips all of this.
import { KubeDeskError } from '../errors.ts';
import type { Pod, Service, ServicePort } from '../kube/kube-objects.ts';
import type { PortArg } from './port-args.ts';

export interface PortPair {
  /** Local port; 0 = the OS picks (kubectl `:R` / `0:R`). */
  local: number;
  /** The container port the tunnel asks for (the printed `-> R`). */
  remote: number;
}

/** util.LookupContainerPortNumberByName: containers, then initContainers. */
function containerPortByName(pod: Pod, name: string): number {
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  for (const c of pod.spec?.initContainers ?? []) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  throw new KubeDeskError('invalid-input', `Pod '${pod.metadata.name ?? ''}' does not have a named port '${name}'`);
}

/** util.LookupServicePortNumberByName. */
function servicePortByName(svc: Service, name: string): number {
  const p = svc.spec?.ports?.find((x) => x.name === name);
  if (!p) throw new KubeDeskError('invalid-input', `Service '${svc.metadata.name ?? ''}' does not have a named port '${name}'`);
  return p.port;
}

/** util.LookupContainerPortNumberByServicePort (docs/port-forward.md, Service ports step 3). */
function containerPortForServicePort(svc: Service, pod: Pod, port: number): number {
  if (svc.spec?.clusterIP === 'None') return port;
  const sp: ServicePort | undefined = svc.spec?.ports?.find((x) => x.port === port);
  if (!sp) throw new KubeDeskError('invalid-input', `Service ${svc.metadata.name ?? ''} does not have a service port ${port}`);
  const t = sp.targetPort;
  if (t === undefined || t === 0 || t === '') return sp.port;
  if (typeof t === 'number') return t;
  // IntOrString serialised as a string of digits is still a string in the API; kubectl treats a
  // string targetPort as a name.
  return containerPortByName(pod, t);
}

/** UDP-only ports: declared UDP and not also TCP (kubectl checkUDPPorts, kubernetes#47862). */
function udpOnly(entries: Array<{ port: number; protocol?: string | undefined }>): Set<number> {
  const udp = new Set<number>();
  const tcp = new Set<number>();
  for (const e of entries) {
    const proto = e.protocol ?? 'TCP';
    if (proto === 'UDP') udp.add(e.port);
    else if (proto === 'TCP') tcp.add(e.port);
  }
  for (const p of tcp) udp.delete(p);
  return udp;
}

/** Ports for a pod target (`pod/NAME` and the pod picked for `deploy/NAME`). */
export function mapPodPorts(args: readonly PortArg[], pod: Pod): PortPair[] {
  const containerPorts = [...(pod.spec?.containers ?? [])].flatMap((c) =>
    (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol })),
  );
  const udp = udpOnly(containerPorts);
  return args.map((a) => {
    const remote = typeof a.remote === 'number' ? a.remote : containerPortByName(pod, a.remote);
    if (udp.has(remote)) throw new KubeDeskError('invalid-input', `UDP protocol is not supported for ${a.remote}`);
    return { local: a.local ?? remote, remote };
  });
}

/** Ports for `svc/NAME` (docs/port-forward.md, Service ports), given the pod chosen for it. */
export function mapServicePorts(args: readonly PortArg[], svc: Service, pod: Pod): PortPair[] {
  const udp = udpOnly((svc.spec?.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol })));
  return args.map((a) => {
    // 1. A named R is the service port of that name; an omitted local follows it.
    const servicePort = typeof a.remote === 'number' ? a.remote : servicePortByName(svc, a.remote);
    // 4. (kubectl checks UDP before translating.)
    if (udp.has(servicePort)) throw new KubeDeskError('invalid-input', `UDP protocol is not supported for ${a.remote}`);
    // 2–3. The service port with port == R, then its targetPort.
    const remote = containerPortForServicePort(svc, pod, servicePort);
    return { local: a.local ?? servicePort, remote };
  });
}
