// Headers relayed from the apiserver to the client: hop-by-hop headers dropped (Node frames the
// body itself, with Content-Length kept when the apiserver sent one) and, as the apiserver's own
// proxy does (`removeCORSHeaders`, upgradeaware.go), every `Access-Control-Allow-*` (H5), so no
// web page is ever granted CORS or Private Network Access through the proxy.
import { HOP_BY_HOP } from '../http/hop-by-hop.ts';
import { connectionTokens } from './upstream-headers.ts';

/** Flat `[name, value, …]` as `ServerResponse.writeHead` takes it. */
export function relayedResponseHeaders(rawHeaders: readonly string[]): string[] {
  const dropped = connectionTokens(rawHeaders);
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const lower = rawHeaders[i]!.toLowerCase();
    if (HOP_BY_HOP.has(lower) || dropped.has(lower) || lower.startsWith('access-control-allow-')) continue;
    out.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  return out;
}
