// Steps 1–2 of SPEC.md §1.2: kubectl proxy's ServeMux (one subtree at --api-prefix; unclean
// paths and the prefix without its slash get a 301; anything else a 404) and its
// `stripLeaveSlash` (only for prefixes not starting with `/api`).
import { cleanPath } from './go-clean-path.ts';
import type { RequestTarget } from './request-target.ts';

export type PrefixRoute =
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' }
  /** `path` is decoded (what the filter sees); `upstreamPath` is raw, to append to the server URL. */
  | { kind: 'forward'; path: string; upstreamPath: string };

/** `prefix` must be normalised (leading and trailing `/`). */
export function routeApiPrefix(prefix: string, target: RequestTarget): PrefixRoute {
  const query = target.rawQuery ? `?${target.rawQuery}` : '';
  const cleaned = cleanPath(target.rawPath);
  // Go 1.22 ServeMux: the subtree's own path without the slash redirects first…
  if (`${cleaned}/` === prefix) return { kind: 'redirect', location: `${prefix}${query}` };
  // …then any unclean path, whether or not it would match.
  if (cleaned !== target.rawPath) return { kind: 'redirect', location: `${cleaned}${query}` };
  if (!target.rawPath.startsWith(prefix)) return { kind: 'not-found' };
  if (prefix.startsWith('/api')) return { kind: 'forward', path: target.path, upstreamPath: target.rawPath };
  // stripLeaveSlash: TrimPrefix on the decoded path; 404 if nothing was trimmed.
  if (!target.path.startsWith(prefix)) return { kind: 'not-found' };
  const rest = target.path.slice(prefix.length);
  const rawRest = target.rawPath.slice(prefix.length);
  return { kind: 'forward', path: rest ? `/${rest}` : '', upstreamPath: rawRest ? `/${rawRest}` : '' };
}
