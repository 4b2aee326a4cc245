// Go's ServeMux path cleaning (`net/http/server.go` cleanPath, which uses `path.Clean` and keeps
// a trailing slash). kubectl proxy's mux answers an unclean path with a 301 to the clean one, so
// `/api/../api/v1/...` never reaches the filter in a form its regexes don't expect. The mux
// cleans the decoded path (Go ≤ 1.21 ServeMux.Handler cleans `r.URL.Path`), so `%2e%2e` and
// `..%2f` are dot segments too (docs/security.md, H9).

function clean(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

export function cleanPath(p: string): string {
  // Fast path (every request goes through here): nothing to clean.
  if (p.startsWith('/') && !p.includes('//') && !p.includes('/.')) return p;
  if (p === '') return '/';
  const rooted = p.startsWith('/') ? p : `/${p}`;
  let np = clean(rooted);
  if (rooted.endsWith('/') && np !== '/') np += '/';
  return np;
}

/** Go's `url.URL.EscapedPath` for a path without a RawPath (`net/url` shouldEscape, encodePath). */
export function escapePath(p: string): string {
  return p.replace(/[^A-Za-z0-9\-_.~$&+,/:;=@]/gu, (c) =>
    encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`),
  );
}
