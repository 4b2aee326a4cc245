// The control plane's hops on the topology (docs/topology.md, The model): the apiserver LB when
// there is one, each apiserver, and the apiserver proxy that runs in them.
import { ABOUT } from './topology-about.ts';
import { APISERVER_PROXY, type GraphBuilder } from './graph-builder.ts';
import type { TopologyInput } from './topology-input.ts';

const APISERVER_LB = 'apiserver-lb';

/** The ids a request to the apiservers passes: the LB (null when none is drawn), then the apiservers. */
export interface ApiserverPath {
  lb: string | null;
  apiservers: string[];
}

/** `10.0.0.1:6443` → `10.0.0.1`; `[fd00::1]:6443` → `fd00::1`. */
function hostOf(address: string): string {
  const m = /^\[(.*)\](?::\d+)?$/.exec(address) ?? /^([^:]*)(?::\d+)?$/.exec(address);
  return m ? m[1]! : address;
}

/**
 * An apiserver LB is drawn when the apiservers' own addresses are several, or are not the host
 * the kubeconfig names: then something between the laptop and them (nginx, a cloud LB, a VIP) answers.
 */
function apiserverNodes(g: GraphBuilder, input: TopologyInput): ApiserverPath {
  const serverHost = input.server.hostname.replace(/^\[|\]$/g, '');
  const endpoints = input.apiservers.length > 0 ? input.apiservers : [input.server.host];
  const known = input.apiservers.length > 0;
  const behindLb = known && (endpoints.length > 1 || endpoints.some((a) => hostOf(a) !== serverHost));
  const lb = behindLb
    ? g.node({
        id: APISERVER_LB,
        kind: 'apiserver-lb',
        label: input.server.host,
        status: 'unknown',
        detail: `${input.server.host} → ${endpoints.length} apiserver${endpoints.length === 1 ? '' : 's'}`,
        about: ABOUT['apiserver-lb'],
        address: input.server.host,
        action: 'copy-address',
      })
    : null;
  const apiservers = endpoints.map((a) =>
    g.node({
      id: `apiserver/${a}`,
      kind: 'apiserver',
      label: a,
      status: known ? 'ready' : 'unknown',
      detail: known ? `endpoint of default/kubernetes` : `the kubeconfig's server (its endpoints could not be read)`,
      about: ABOUT.apiserver,
      address: a,
      action: 'copy-address',
    }),
  );
  return { lb, apiservers };
}

export function addApiserverHops(g: GraphBuilder, input: TopologyInput): ApiserverPath {
  const path = apiserverNodes(g, input);
  g.node({
    id: APISERVER_PROXY,
    kind: 'apiserver-proxy',
    label: 'apiserver proxy',
    status: 'ready',
    detail: '…/services/NAME/proxy/, …/pods/NAME/proxy/',
    about: ABOUT['apiserver-proxy'],
  });
  for (const a of path.apiservers) g.edge(a, APISERVER_PROXY, 'api');
  return path;
}
