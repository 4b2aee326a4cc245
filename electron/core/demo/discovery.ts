// Legacy (unaggregated) discovery documents: `/api`, `/apis`, `/api/v1`, `/apis/G`, `/apis/G/V`,
// and `/version`. kubectl 1.32 asks for aggregated discovery first and falls back to these when
// the answer is plain `application/json`.
import { RESOURCES } from './api-resource-table.ts';
import { GROUP_VERSIONS, groupVersion } from './api-resources.ts';
import { DEMO_APISERVER_ADDRESSES, DEMO_APISERVER_PORT, DEMO_SERVER_VERSION } from './demo-names.ts';

export function versionInfo(): Record<string, string> {
  return {
    major: DEMO_SERVER_VERSION.major,
    minor: DEMO_SERVER_VERSION.minor,
    gitVersion: DEMO_SERVER_VERSION.gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T16:00:00Z',
    goVersion: 'go1.23.8',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function apiVersions(): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `${DEMO_APISERVER_ADDRESSES[0]}:${DEMO_APISERVER_PORT}` }],
  };
}

function groupDoc(group: string): Record<string, unknown> {
  const versions = GROUP_VERSIONS.filter((g) => g.group === group).map((g) => ({ groupVersion: groupVersion(g), version: g.version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(): Record<string, unknown> {
  const groups = [...new Set(GROUP_VERSIONS.map((g) => g.group).filter((g) => g !== ''))];
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(groupDoc) };
}

export function apiGroup(group: string): Record<string, unknown> | undefined {
  if (!GROUP_VERSIONS.some((g) => g.group === group)) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(group) };
}

export function resourceList(group: string, version: string): Record<string, unknown> | undefined {
  const defs = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (defs.length === 0) return undefined;
  const resources: Array<Record<string, unknown>> = [];
  for (const r of defs) {
    resources.push({
      name: r.name,
      singularName: r.singularName,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
      storageVersionHash: Buffer.from(`${r.group}/${r.version}/${r.kind}`).toString('base64').slice(0, 11),
    });
    for (const [sub, s] of Object.entries(r.subresources ?? {})) {
      resources.push({
        name: `${r.name}/${sub}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(s.group ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group === '' ? version : `${group}/${version}`, resources };
}
