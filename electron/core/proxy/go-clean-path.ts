// Go's ServeMux path cleaning (`net/http/server.go` cleanPath, which uses `path.Clean` and keeps
// a trailing slash). kubectl proxy's mux answers an unclean path with a 301 to the clean one, so
// `/api/../api/v1/...` never reaches the filter in a form its regexes don't expect.

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
