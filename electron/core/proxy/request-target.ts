// Splits a request's target into what the pipeline needs, as Go's server does: origin-form
// `/path?query` with the Host header, or absolute-form `http://host/path`, whose authority wins
// over the Host header (RFC 9112 §3.2.2; Go sets Request.Host from the URL).

export interface RequestTarget {
  /** The Host the request addresses: the absolute-form authority, else the Host header. */
  host: string | undefined;
  /** The path as sent (still percent-encoded). */
  rawPath: string;
  /** Without `?`; '' when absent. */
  rawQuery: string;
  /** `rawPath` percent-decoded (Go's URL.Path). */
  path: string;
}

const ABSOLUTE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)(.*)$/;

/** Returns undefined for a target Go would answer with 400 (bad escapes, not a path). */
export function parseRequestTarget(url: string, hostHeader: string | undefined): RequestTarget | undefined {
  let host = hostHeader;
  let rest = url;
  const abs = ABSOLUTE.exec(url);
  if (abs) {
    host = abs[1]!.replace(/^[^@]*@/, '');
    rest = abs[2] || '/';
  }
  if (!rest.startsWith('/')) return undefined;
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const rawPath = q >= 0 ? rest.slice(0, q) : rest;
  const rawQuery = q >= 0 ? rest.slice(q + 1) : '';
  let path: string;
  try {
    path = rawPath.includes('%') ? decodeURIComponent(rawPath) : rawPath;
  } catch {
    return undefined;
  }
  return { host, rawPath, rawQuery, path };
}
