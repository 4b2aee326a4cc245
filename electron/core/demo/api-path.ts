// Splits an apiserver request path into what it addresses: discovery documents, a resource
// (collection, object, subresource) or a proxy subresource with the path after `/proxy`.
import { RESOURCES } from './api-resource-table.ts';
import { findResource, resourceKey } from './api-resources.ts';
import type { ResourceRequest } from './resource-request.ts';
import type { ProxyTarget } from './proxy-location.ts';

export type ParsedPath =
  | { kind: 'root' }
  | { kind: 'version' }
  | { kind: 'api' }
  | { kind: 'apis' }
  | { kind: 'group'; group: string }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'resource'; rr: ResourceRequest; proxy?: ProxyTarget }
  | { kind: 'notFound' };

function decode(seg: string): string | undefined {
  try {
    return decodeURIComponent(seg);
  } catch {
    return undefined;
  }
}

export function parseApiPath(rawPath: string, rawQuery: string): ParsedPath {
  if (rawPath === '/' || rawPath === '') return { kind: 'root' };
  if (rawPath === '/version' || rawPath === '/version/') return { kind: 'version' };
  const raw = rawPath.split('/').slice(1);
  if (raw.length > 1 && raw[raw.length - 1] === '' && !raw.includes('proxy')) raw.pop();
  const segs = raw.map(decode);
  if (segs.some((s) => s === undefined)) return { kind: 'notFound' };
  const s = segs as string[];
  let group: string;
  let version: string;
  let rest: number;
  if (s[0] === 'api') {
    if (s.length === 1) return { kind: 'api' };
    group = '';
    version = s[1]!;
    rest = 2;
    if (!RESOURCES.some((r) => r.group === '' && r.version === version)) return { kind: 'notFound' };
    if (s.length === 2) return { kind: 'groupVersion', group, version };
  } else if (s[0] === 'apis') {
    if (s.length === 1) return { kind: 'apis' };
    group = s[1]!;
    if (s.length === 2) return { kind: 'group', group };
    version = s[2]!;
    rest = 3;
    if (s.length === 3) return { kind: 'groupVersion', group, version };
  } else {
    return { kind: 'notFound' };
  }
  const r = s.slice(rest);
  let namespace: string | undefined;
  let i = 0;
  if (r[0] === 'namespaces' && r.length >= 3 && findResource(group, version, r[2]!)?.namespaced) {
    namespace = r[1]!;
    i = 2;
  }
  const def = findResource(group, version, r[i]!);
  if (!def) return { kind: 'notFound' };
  if (def.namespaced !== (namespace !== undefined) && r.length > i + 1) return { kind: 'notFound' };
  const name = r[i + 1];
  const sub = r[i + 2];
  const rr: ResourceRequest = {
    def,
    key: resourceKey(def),
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(sub !== undefined ? { sub } : {}),
  };
  if (name === '' || (name !== undefined && sub === '')) return { kind: 'notFound' };
  if (sub === 'proxy' && (def.name === 'services' || def.name === 'pods' || def.name === 'nodes')) {
    const proxyIndex = rest + i + 2;
    const prefix = '/' + raw.slice(0, proxyIndex + 1).join('/');
    const after = raw.slice(proxyIndex + 1);
    return {
      kind: 'resource',
      rr,
      proxy: {
        kind: def.name,
        ...(namespace !== undefined ? { namespace } : {}),
        id: name!,
        prefix,
        rest: after.length ? '/' + after.join('/') : '',
        query: rawQuery,
      },
    };
  }
  if (r.length > i + 3) return { kind: 'notFound' };
  return { kind: 'resource', rr };
}
