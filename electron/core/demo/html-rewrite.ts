// The apiserver proxy's link rewriting (apimachinery/pkg/util/proxy/transport.go): URLs in
// HTML attributes and redirect Locations that are absolute paths, or absolute URLs on the
// backend's own host, get the proxy prefix; relative URLs and other hosts are left alone.
import { PROXY_LINK_ATTRIBUTES } from '../kube/proxy-link-attributes.ts';

const ATTR_RE = new RegExp(`(<[a-zA-Z][^>]*?\\s(?:${PROXY_LINK_ATTRIBUTES.join('|')})\\s*=\\s*)(["'])([^"']*)\\2`, 'gi');

function joinPath(prefix: string, p: string): string {
  const joined = (prefix + '/' + p).replace(/\/+/g, '/');
  return p.endsWith('/') || joined.length === 0 ? joined : joined.replace(/\/$/, '');
}

/** transport.go rewriteURL with an empty scheme/host (server-side requests carry none). */
export function rewriteUrl(target: string, prefix: string, backendHost: string, requestHost: string | undefined): string {
  let u: URL;
  let hostPart = '';
  let pathPart: string;
  let rest: string;
  try {
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(target) || target.startsWith('//')) {
      u = new URL(target.startsWith('//') ? `http:${target}` : target);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return target;
      hostPart = u.host;
      pathPart = u.pathname;
      rest = u.search + u.hash;
    } else {
      const m = /^([^?#]*)(.*)$/.exec(target)!;
      pathPart = m[1]!;
      rest = m[2]!;
    }
  } catch {
    return target;
  }
  const differentHost = hostPart !== '' && hostPart !== backendHost && hostPart !== requestHost;
  if (differentHost || !pathPart.startsWith('/')) return target;
  if (pathPart.startsWith(prefix)) return pathPart + rest;
  return joinPath(prefix, pathPart) + rest;
}

export function rewriteHtml(html: string, prefix: string, backendHost: string, requestHost: string | undefined): string {
  return html.replace(
    ATTR_RE,
    (_m, head: string, quote: string, value: string) => `${head}${quote}${rewriteUrl(value, prefix, backendHost, requestHost)}${quote}`,
  );
}
