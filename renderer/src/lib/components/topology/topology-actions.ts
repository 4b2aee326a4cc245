// The one-click actions of the topology's detail panel (docs/topology.md: each node carries the
// action that uses it): open a service through its gateway, forward it, start the context's API
// proxy, stop a forward, copy an address. Each answers what it did, in a few words, or the core's error.
import type { KubeDeskClient, Result, TopologyAction, TopologyNode } from '../../../../../electron/shared/ipc-contract.ts';

/** What an action needs of the page it runs in (the browser's, or a test's). */
export interface ActionHost {
  open(url: string): void;
  copy(text: string): Promise<void>;
}

export const browserHost: ActionHost = {
  open: (url) => void window.open(url, '_blank', 'noopener'),
  copy: (text) => navigator.clipboard.writeText(text),
};

interface ActionDeps {
  client: KubeDeskClient;
  host: ActionHost;
  context: string;
}

/** The service's first TCP port (UDP cannot be forwarded). */
export function firstTcpPort(node: TopologyNode): number | undefined {
  return node.tcpPorts?.[0];
}

/** `service/shop/web` → `web`. */
const serviceName = (id: string): string => id.split('/').at(-1)!;
/** `port-forward/ID` → `ID`. */
const forwardId = (id: string): string => id.slice('port-forward/'.length);

/** Runs `action` on `node`; the words for the notice, or the error to show. */
export async function runAction(
  { client, host, context: ctx }: ActionDeps,
  node: TopologyNode,
  action: TopologyAction,
): Promise<Result<string>> {
  const namespace = node.namespace ?? '';
  switch (action) {
    case 'open-service': {
      const r = await client.invoke('services:open', { context: ctx, namespace, service: serviceName(node.id) });
      if (!r.ok) return r;
      host.open(r.value.url);
      return { ok: true, value: `Opened ${r.value.url}` };
    }
    case 'forward-service': {
      const port = firstTcpPort(node);
      if (port === undefined)
        return { ok: false, error: { code: 'invalid-input', message: `service ${namespace}/${node.label} has no TCP port to forward` } };
      const spec = { context: ctx, namespace, target: `svc/${serviceName(node.id)}`, ports: [`:${port}`] };
      const r = await client.invoke('forward:add', { spec });
      if (!r.ok) return r;
      return { ok: true, value: `Forwarding ${r.value.bindings[0]?.url ?? spec.target}` };
    }
    case 'start-proxy': {
      const r = await client.invoke('proxy:start', { context: ctx });
      if (!r.ok) return r;
      return { ok: true, value: `API proxy on ${r.value.url}` };
    }
    case 'stop-forward': {
      const r = await client.invoke('forward:stop', { id: forwardId(node.id) });
      if (!r.ok) return r;
      return { ok: true, value: 'Forward stopped' };
    }
    case 'copy-address': {
      if (!node.address) return { ok: false, error: { code: 'invalid-input', message: `${node.label} has no address to copy` } };
      await host.copy(node.address);
      return { ok: true, value: `Copied ${node.address}` };
    }
    default: {
      const never: never = action;
      return never;
    }
  }
}
