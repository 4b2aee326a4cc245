// H8 (docs/security.md): a page served through the apiserver's service, pod or node proxy shares
// the API proxy's origin, so the Origin and Fetch Metadata checks let its scripts through and it
// could use the user's credentials (POST objects, open `…/portforward`). kubectl proxy has the same
// hole. From a browser, only a top-level navigation may reach API paths; a script or a WebSocket
// may only reach `…/proxy/…` subresources. kubectl, curl and client libraries send neither
// `Sec-Fetch-*` nor `Origin` and are unaffected.
import type { IncomingHttpHeaders } from 'node:http';

/** The apiserver's proxy subresources (`pkg/registry/core/{service,pod,node}/rest/proxy.go`), decoded and cleaned. */
const PROXY_SUBRESOURCE = /^\/api\/v1\/(?:namespaces\/[^/]+\/(?:services|pods)|nodes)\/[^/]+\/proxy(?:\/|$)/;

function isProxySubresourcePath(path: string): boolean {
  return PROXY_SUBRESOURCE.test(path);
}

/**
 * A browser marks its requests with Fetch Metadata (Chrome 76+, Firefox 90+, Safari 16.4+), always
 * `Sec-Fetch-Site` and `Sec-Fetch-Dest` together with the mode, or with an Origin (every WebSocket
 * handshake, every CORS or non-GET fetch). A lone `Sec-Fetch-Mode: cors` is Node's own `fetch`
 * (undici adds it to every request), a client library like any other.
 */
function isBrowserRequest(headers: IncomingHttpHeaders): boolean {
  if (headers.origin !== undefined) return true;
  for (const name in headers) if (name.startsWith('sec-fetch-') && name !== 'sec-fetch-mode') return true;
  return false;
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** A top-level navigation: `navigate` into a document (an iframe's content is readable by its same-origin parent). */
export function isTopLevelNavigation(headers: IncomingHttpHeaders): boolean {
  if (one(headers['sec-fetch-mode']) !== 'navigate') return false;
  const dest = one(headers['sec-fetch-dest']);
  return dest === undefined || dest === 'document';
}

export type BrowserScope =
  /** Not from a browser, or a proxy subresource: forwarded as is. */
  | 'any'
  /** A browser's top-level GET navigation to an API path: forwarded, its answer sandboxed. */
  | 'navigation'
  /** A browser's script, frame, form post or WebSocket aiming at an API path: refused. */
  | 'refused';

/** `apiPath` is decoded, cleaned and stripped of the prefix (`api-prefix-route.ts` apiPathOf). */
export function browserScope(req: { method: string; headers: IncomingHttpHeaders; isUpgrade: boolean }, apiPath: string): BrowserScope {
  if (!isBrowserRequest(req.headers) || isProxySubresourcePath(apiPath)) return 'any';
  // A form may navigate with POST: a write, however it is encoded, is never the user reading.
  const read = req.method === 'GET' || req.method === 'HEAD';
  if (read && !req.isUpgrade && isTopLevelNavigation(req.headers)) return 'navigation';
  return 'refused';
}
