// Steps 1–2 of kubectl proxy's request pipeline (docs/proxy.md): its ServeMux (one subtree at
// --api-prefix; unclean paths and the prefix without its slash get a 301; anything else a 404)
// and its `stripLeaveSlash` (only for prefixes not starting with `/api`), as
// `kubectl/pkg/proxy/proxy_server.go` sets them up. Cleaning looks at the decoded path, so an
// encoded `%2e%2e` segment is redirected to its target, never forwarded (docs/security.md, H9).
import { cleanPath, escapePath } from './go-clean-path.ts';
import type { RequestTarget } from './request-target.ts';

export type PrefixRoute =
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' }
  /** `path` is decoded (what the filter sees); `upstreamPath` is raw, to append to the server URL. */
  | { kind: 'forward'; path: string; upstreamPath: string };

/**
 * The decoded API path a request addresses once cleaned and stripped of the prefix, which is what
 * the filter and the browser scope judge; undefined outside the prefix.
 */
export function apiPathOf(prefix: string, target: RequestTarget): string | undefined {
  const cleaned = cleanPath(target.path);
  if (!cleaned.startsWith(prefix)) return `${cleaned}/` === prefix ? '' : undefined;
  if (prefix.startsWith('/api')) return cleaned;
  const rest = cleaned.slice(prefix.length);
  return rest ? `/${rest}` : '';
}

/** `prefix` must be normalised (leading and trailing `/`). */
export function routeApiPrefix(prefix: string, target: RequestTarget): PrefixRoute {
  const query = target.rawQuery ? `?${target.rawQuery}` : '';
  const cleaned = cleanPath(target.path);
  // Go 1.22 ServeMux: the subtree's own path without the slash redirects first…
  if (`${cleaned}/` === prefix) return { kind: 'redirect', location: `${prefix}${query}` };
  // …then any unclean path, whether or not it would match (raw `//` or `/./` show in the decoded path too).
  if (cleaned !== target.path) return { kind: 'redirect', location: `${escapePath(cleaned)}${query}` };
  if (!target.rawPath.startsWith(prefix)) return { kind: 'not-found' };
  if (prefix.startsWith('/api')) return { kind: 'forward', path: target.path, upstreamPath: target.rawPath };
  // stripLeaveSlash: TrimPrefix on the decoded path; 404 if nothing was trimmed.
  if (!target.path.startsWith(prefix)) return { kind: 'not-found' };
  const rest = target.path.slice(prefix.length);
  const rawRest = target.rawPath.slice(prefix.length);
  return { kind: 'forward', path: rest ? `/${rest}` : '', upstreamPath: rawRest ? `/${rawRest}` : '' };
}
