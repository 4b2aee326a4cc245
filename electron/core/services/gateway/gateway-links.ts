// The apiserver rewrites absolute links in proxied HTML and redirect Locations to its proxy path
// (apimachinery/pkg/util/proxy/transport.go; docs/service-proxy.md, Behaviour). A gateway serves
// the service at `/`, so it maps them back: `PREFIX/x` and `SERVER/PREFIX/x` become `/x`
// (docs/service-gateway.md, Links).
import { PROXY_LINK_ATTRIBUTES } from '../../kube/proxy-link-attributes.ts';

const ATTR_RE = new RegExp(`(<[a-zA-Z][^>]*?\\s(?:${PROXY_LINK_ATTRIBUTES.join('|')})\\s*=\\s*)(?:(["'])([^"']*)\\2|([^\\s"'>]+))`, 'gi');

export interface LinkMap {
  /** `/api/v1/namespaces/NS/services/ID/proxy` (no trailing slash), as the apiserver saw it. */
  prefix: string;
  /** The kubeconfig server URL (its path kept). */
  server: URL;
}

function stripAfter(value: string, head: string): string | undefined {
  if (!value.startsWith(head)) return undefined;
  const rest = value.slice(head.length);
  if (rest === '') return '/';
  return /^[/?#]/.test(rest) ? (rest.startsWith('/') ? rest : `/${rest}`) : undefined;
}

/** One URL: the proxy path (bare, under the server's path, or as a full server URL) → the gateway's own. */
export function mapLink(map: LinkMap, value: string): string {
  const base = map.server.pathname.replace(/\/+$/, '');
  const heads = [`${map.server.origin}${base}${map.prefix}`, `${base}${map.prefix}`, map.prefix];
  // Scheme-relative `//host/…` too (transport.go rewrites same-host URLs in either form).
  heads.push(`//${map.server.host}${base}${map.prefix}`);
  for (const head of heads) {
    const mapped = stripAfter(value, head);
    if (mapped !== undefined) return mapped;
  }
  return value;
}

/** Every URL attribute of the page mapped back (unquoted values included). */
export function mapHtmlLinks(map: LinkMap, html: string): string {
  return html.replace(ATTR_RE, (_m, head: string, quote: string | undefined, quoted: string | undefined, bare: string | undefined) =>
    quote !== undefined ? `${head}${quote}${mapLink(map, quoted!)}${quote}` : `${head}${mapLink(map, bare!)}`,
  );
}
