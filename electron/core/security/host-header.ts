// Host and Origin checks shared by serve mode and the API proxy (docs/security.md, H2, H3).

/**
 * The host part of a Host header, as Go's net.SplitHostPort would give it, except that IPv6
 * literals keep both spellings checkable (docs/proxy.md, step 3; kubernetes#77496): `[::1]:8001` → `::1`.
 */
export function hostOfHostHeader(header: string): string {
  const h = header.trim();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : h;
  }
  const colon = h.lastIndexOf(':');
  if (colon >= 0 && h.indexOf(':') === colon) return h.slice(0, colon);
  return h;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

/** True for `localhost`, `127.0.0.1`, `::1` (bare or bracketed), with or without a port. */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  if (!header) return false;
  return LOOPBACK_NAMES.has(hostOfHostHeader(header).toLowerCase());
}

/** True when `address` (a bound socket address) is a loopback address. */
export function isLoopbackAddress(address: string): boolean {
  return address === '::1' || address === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(address) || address === '::ffff:127.0.0.1';
}

/**
 * A browser's Origin is acceptable only when it is this server itself: `http://<host>:<port>`
 * with a loopback host and the bound port.
 */
export function isOwnOrigin(origin: string, port: number): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  if (url.port !== String(port)) return false;
  return LOOPBACK_NAMES.has(url.hostname.replace(/^\[|\]$/g, '').toLowerCase());
}
