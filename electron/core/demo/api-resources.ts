// Lookups over the demo apiserver's resource table (api-resource-table.ts): group/version
// strings as discovery and apiVersion spell them, the object store's keys, and `R`, the rows the
// demo's controllers and seeds name directly.
import { RESOURCES, type ResourceDef } from './api-resource-table.ts';

/** Group/version pairs in discovery order. */
export const GROUP_VERSIONS: ReadonlyArray<{ group: string; version: string }> = (() => {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of RESOURCES) seen.set(`${r.group}/${r.version}`, { group: r.group, version: r.version });
  return [...seen.values()];
})();

export function groupVersion(r: { group: string; version: string }): string {
  return r.group === '' ? r.version : `${r.group}/${r.version}`;
}

/** The store key of a resource: 'pods', 'apps/deployments'. */
export function resourceKey(r: { group: string; name: string }): string {
  return r.group === '' ? r.name : `${r.group}/${r.name}`;
}

export function findResource(group: string, version: string, name: string): ResourceDef | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.name === name);
}

function resourceByKey(key: string): ResourceDef {
  const r = RESOURCES.find((d) => resourceKey(d) === key);
  if (!r) throw new Error(`unknown demo resource ${key}`);
  return r;
}

export const R = {
  namespaces: resourceByKey('namespaces'),
  nodes: resourceByKey('nodes'),
  pods: resourceByKey('pods'),
  services: resourceByKey('services'),
  endpoints: resourceByKey('endpoints'),
  configmaps: resourceByKey('configmaps'),
  events: resourceByKey('events'),
  deployments: resourceByKey('apps/deployments'),
  replicasets: resourceByKey('apps/replicasets'),
  endpointslices: resourceByKey('discovery.k8s.io/endpointslices'),
} as const;
