// What the New forward form offers from the cluster's live data: namespaces, targets (services,
// their pods, and the deployments those pods belong to) and ports, as kubectl port-forward takes
// them (`svc/NAME`, `deploy/NAME`, `pod/NAME`; `:PORT` lets the OS pick the local port).
import type { ServiceDetail, ServiceSummary } from '../../../../../electron/shared/ipc-contract.ts';

export interface PickOption {
  value: string;
  label: string;
  detail?: string | undefined;
  /** The namespace the choice lives in (targets), so picking one can fill the namespace. */
  namespace?: string | undefined;
}

/**
 * The Deployment a pod was made for, from its name: a Deployment names its ReplicaSet
 * `DEPLOYMENT-<pod-template-hash>` and the ReplicaSet names pods `RS-<5 random>` (Kubernetes
 * docs, concepts/workloads/controllers/deployment, "Pod-template-hash label"; the suffix
 * alphabet is apimachinery's pkg/util/rand "bcdfghjklmnpqrstvwxz2456789").
 */
export function deploymentOfPod(pod: string): string | null {
  const m = /^(.+)-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/.exec(pod);
  return m ? m[1]! : null;
}

export function namespaceOptions(services: readonly ServiceSummary[]): PickOption[] {
  const counts = new Map<string, number>();
  for (const s of services) counts.set(s.namespace, (counts.get(s.namespace) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([ns, n]) => ({ value: ns, label: ns, detail: `${n} service${n === 1 ? '' : 's'}` }));
}

/** Services of `namespace` (every namespace when empty), then the deployments and pods behind them. */
export function targetOptions(services: readonly ServiceSummary[], details: readonly ServiceDetail[], namespace: string): PickOption[] {
  const inNs = (ns: string): boolean => namespace === '' || ns === namespace;
  const svc: PickOption[] = services
    .filter((s) => inNs(s.namespace))
    .map((s) => ({ value: `svc/${s.name}`, label: `svc/${s.name}`, detail: `service · ${s.namespace}`, namespace: s.namespace }));
  const deploys = new Map<string, PickOption>();
  const pods = new Map<string, PickOption>();
  for (const d of details) {
    const ns = d.service.namespace;
    if (!inNs(ns)) continue;
    for (const p of d.pods) {
      const key = `${ns}/${p.name}`;
      if (!pods.has(key))
        pods.set(key, {
          value: `pod/${p.name}`,
          label: `pod/${p.name}`,
          detail: `pod · ${ns}${p.ready ? '' : ' · not ready'}`,
          namespace: ns,
        });
      const deploy = deploymentOfPod(p.name);
      if (deploy !== null && !deploys.has(`${ns}/${deploy}`))
        deploys.set(`${ns}/${deploy}`, {
          value: `deploy/${deploy}`,
          label: `deploy/${deploy}`,
          detail: `deployment · ${ns}`,
          namespace: ns,
        });
    }
  }
  return [...svc, ...deploys.values(), ...pods.values()];
}

/**
 * Ports for a target: a service's own ports (by number; the core maps them to the pod's port as
 * kubectl does), or for a pod or deployment the container ports its services send to, by number
 * or by name (`:http`: the core resolves a named port against the pod, as kubectl does).
 */
export function portOptions(
  services: readonly ServiceSummary[],
  details: readonly ServiceDetail[],
  namespace: string,
  target: string,
): PickOption[] {
  const [kind, name] = splitTarget(target);
  if (name === '') return [];
  const inNs = (ns: string): boolean => namespace === '' || ns === namespace;
  if (kind === 'svc') {
    const s = services.find((x) => x.name === name && inNs(x.namespace));
    return (s?.ports ?? [])
      .filter((p) => p.protocol === 'TCP')
      .map((p) => ({
        value: `:${p.port}`,
        label: `${p.port}${p.name ? ` (${p.name})` : ''}`,
        detail: `→ pod ${p.targetPort} · local port picked by the OS`,
      }));
  }
  const fronting = details.filter(
    (d) => inNs(d.service.namespace) && d.pods.some((p) => (kind === 'deploy' ? deploymentOfPod(p.name) === name : p.name === name)),
  );
  // One option per container port, naming every service that sends to it.
  const out: Array<{ value: string; label: string; kind: string; via: string[] }> = [];
  for (const d of fronting) {
    for (const p of d.service.ports) {
      if (p.protocol !== 'TCP') continue;
      const value = `:${p.targetPort}`;
      const via = `svc/${d.service.name} ${p.port}`;
      const known = out.find((o) => o.value === value);
      if (known) known.via.push(via);
      else
        out.push({
          value,
          label: String(p.targetPort),
          kind: typeof p.targetPort === 'number' ? 'container port' : 'named container port',
          via: [via],
        });
    }
  }
  return out.map((o) => ({ value: o.value, label: o.label, detail: `${o.kind} · ${o.via.sort().join(', ')}` }));
}

/** `svc/web` → ['svc', 'web']; `service/web` and `deployment/x` are kubectl's long forms; a bare name is a pod. */
function splitTarget(target: string): ['svc' | 'deploy' | 'pod', string] {
  const t = target.trim();
  const slash = t.indexOf('/');
  if (slash < 0) return ['pod', t];
  const kind = t.slice(0, slash).toLowerCase();
  const name = t.slice(slash + 1);
  if (kind === 'svc' || kind === 'service' || kind === 'services') return ['svc', name];
  if (kind === 'deploy' || kind === 'deployment' || kind === 'deployments') return ['deploy', name];
  return ['pod', name];
}
