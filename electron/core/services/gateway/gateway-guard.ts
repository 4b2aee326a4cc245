// What a gateway refuses before anything goes upstream (docs/service-gateway.md, Refusals): a Host
// that is not its own (DNS rebinding, as proxy/browser-guard.ts H2), an Origin that is not its own
// (H3: a foreign page's POST form, fetch or WebSocket), and a cross-site or same-site request
// that is not a top-level navigation (Fetch Metadata, H4), so other sites (another port on
// 127.0.0.1 is the same site) can link to a service but never script it or frame it.
import type { IncomingHttpHeaders } from 'node:http';

export type GatewayRefusal = 'host' | 'origin' | 'sec-fetch';

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** `127.0.0.1:PORT` or `localhost:PORT`, nothing else: the names a loopback listener is reached by. */
function ownAuthority(authority: string, port: number): boolean {
  const a = authority.toLowerCase();
  return a === `127.0.0.1:${port}` || a === `localhost:${port}`;
}

export function checkGatewayRequest(
  port: number,
  req: { method: string; headers: IncomingHttpHeaders; hostHeaders: number },
): GatewayRefusal | undefined {
  const host = one(req.headers.host);
  if (req.hostHeaders !== 1 || host === undefined || !ownAuthority(host, port)) return 'host';
  const origin = one(req.headers.origin);
  if (origin !== undefined && !(origin.startsWith('http://') && ownAuthority(origin.slice(7), port))) return 'origin';
  const site = one(req.headers['sec-fetch-site']);
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    // A link or a typed URL from elsewhere opens the service; nothing else from elsewhere does.
    const topLevel =
      one(req.headers['sec-fetch-mode']) === 'navigate' &&
      one(req.headers['sec-fetch-dest']) === 'document' &&
      (req.method === 'GET' || req.method === 'HEAD');
    if (!topLevel) return 'sec-fetch';
  }
  return undefined;
}
