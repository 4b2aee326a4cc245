// Where a gateway request goes (docs/service-gateway.md, Paths): the request path is percent-decoded,
// cleaned as Go's `path.Clean` sees it (proxy/go-clean-path.ts, docs/security.md H9) and escaped
// again before it is put under the service's proxy prefix, so no spelling of `..` (`%2e%2e`,
// `..%2f`, `//`, a backslash) can leave `/api/v1/namespaces/NS/services/ID/proxy/`. An encoded
// slash arrives at the service as a plain one: Go's `r.URL.Path` decodes it the same way.
import { cleanPath, escapePath } from '../../proxy/go-clean-path.ts';

export interface GatewayTarget {
  /** `/api/v1/namespaces/NS/services/ID/proxy/REST` (escaped, clean, never outside the prefix). */
  path: string;
  /** The raw query, without `?`; the service gets it as sent. */
  query: string;
}

/**
 * Maps a request target (`/x?y`, as Node's `req.url` has it) under `prefix`
 * (`/api/v1/namespaces/NS/services/ID/proxy`, no trailing slash). Undefined for what is not an
 * origin-form path or does not decode: the caller answers 400.
 */
export function gatewayTarget(prefix: string, url: string): GatewayTarget | undefined {
  if (!url.startsWith('/')) return undefined;
  const hash = url.indexOf('#');
  const noFragment = hash < 0 ? url : url.slice(0, hash);
  const q = noFragment.indexOf('?');
  const rawPath = q < 0 ? noFragment : noFragment.slice(0, q);
  const query = q < 0 ? '' : noFragment.slice(q + 1);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  // A backslash is no separator to the apiserver, but browsers treat it as one: one rule for both.
  const clean = cleanPath(decoded.replace(/\\/g, '/'));
  return { path: prefix + escapePath(clean), query };
}
