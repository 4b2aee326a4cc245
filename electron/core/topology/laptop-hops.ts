// The hops KubeDesk runs on this laptop (docs/topology.md, The model): the context's API proxies
// (or one stopped proxy offering to start), its port-forwards and its service gateways, each
// reached from the browser and leading to the apiservers.
import type { ForwardInfo } from '../../shared/contract/forward.ts';
import type { TopologyStatus } from '../../shared/contract/topology.ts';
import type { ApiserverPath } from './apiserver-hops.ts';
import { ABOUT } from './topology-about.ts';
import { BROWSER, type GraphBuilder } from './graph-builder.ts';
import type { TopologyInput } from './topology-input.ts';

function forwardStatus(state: ForwardInfo['state']): TopologyStatus {
  if (state === 'active' || state === 'starting') return 'active';
  return state;
}

export function addLocalProxies(g: GraphBuilder, input: TopologyInput, { lb, apiservers }: ApiserverPath): void {
  for (const p of input.proxies) {
    if (p.context !== input.context) continue;
    const id = g.node({
      id: `local-proxy/${p.address}`,
      kind: 'local-proxy',
      label: `API proxy ${p.address}`,
      status: p.state === 'listening' ? 'active' : 'stopped',
      detail: `${p.url} → ${p.server}`,
      about: ABOUT['local-proxy'],
      address: p.url,
      action: 'copy-address',
    });
    g.edge(BROWSER, id, 'api');
    g.toApiservers(id, 'api', lb, apiservers);
  }
  if (!input.proxies.some((p) => p.context === input.context)) {
    // No proxy yet: the hop is still on the path a browser would take; offer to start it.
    const id = g.node({
      id: 'local-proxy/none',
      kind: 'local-proxy',
      label: 'API proxy',
      status: 'stopped',
      detail: 'not running',
      about: ABOUT['local-proxy'],
      action: 'start-proxy',
    });
    g.edge(BROWSER, id, 'api');
    g.toApiservers(id, 'api', lb, apiservers);
  }
}

/** Each forward's path: browser → forward → [LB] → apiservers → the kubelet of its pod → the pod. */
export function addForwards(
  g: GraphBuilder,
  input: TopologyInput,
  { lb, apiservers }: ApiserverPath,
  kubelets: ReadonlyMap<string, string>,
  podIds: ReadonlyMap<string, string>,
): void {
  for (const f of input.forwards) {
    if (f.spec.context !== input.context) continue;
    if (input.namespace !== null && f.spec.namespace !== input.namespace) continue;
    const address = f.bindings[0] ? `${f.bindings[0].address}:${f.bindings[0].local}` : undefined;
    const id = g.node({
      id: `port-forward/${f.id}`,
      kind: 'port-forward',
      label: `${f.spec.target} ${f.spec.ports.join(' ')}`,
      status: forwardStatus(f.state),
      detail: f.reason ?? (address ? `${address} → ${f.pod ?? 'no pod yet'}` : f.state),
      about: ABOUT['port-forward'],
      address: f.bindings[0]?.url,
      namespace: f.spec.namespace,
      action: f.state === 'stopped' || f.state === 'failed' ? undefined : 'stop-forward',
    });
    g.edge(BROWSER, id, 'forward');
    if (f.state === 'stopped' || f.state === 'failed') continue; // a stopped forward carries nothing
    g.toApiservers(id, 'forward', lb, apiservers);
    for (const podName of f.pods.length > 0 ? f.pods : f.pod ? [f.pod] : []) {
      const podId = podIds.get(`${f.spec.namespace}/${podName}`);
      const pod = input.pods.find((p) => p.metadata.namespace === f.spec.namespace && p.metadata.name === podName);
      const kubelet = pod?.spec.nodeName ? kubelets.get(pod.spec.nodeName) : undefined;
      if (!podId || !kubelet) continue;
      for (const a of apiservers) g.edge(a, kubelet, 'forward');
      g.edge(kubelet, podId, 'forward');
    }
  }
}

export function addGateways(g: GraphBuilder, input: TopologyInput, { lb, apiservers }: ApiserverPath): void {
  for (const gw of input.gateways) {
    if (gw.context !== input.context) continue;
    if (input.namespace !== null && gw.namespace !== input.namespace) continue;
    const id = g.node({
      id: `service-gateway/${gw.id}`,
      kind: 'service-gateway',
      label: `${gw.service}:${gw.port}`,
      status: gw.state === 'listening' ? 'active' : 'stopped',
      detail: `${gw.url} → ${gw.namespace}/${gw.service}`,
      about: ABOUT['service-gateway'],
      address: gw.url,
      namespace: gw.namespace,
      action: 'copy-address',
    });
    g.edge(BROWSER, id, 'api');
    if (gw.state !== 'listening') continue;
    g.toApiservers(id, 'api', lb, apiservers);
  }
}
