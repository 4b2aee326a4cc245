// H6 (docs/security.md): the per-launch token travels in a header, a WebSocket subprotocol entry
// (browsers can't set WebSocket headers), a cookie named for the proxy's port (cookies are per
// host, not per port: two proxies on 127.0.0.1 must not overwrite each other's), or once in a GET
// query that is swapped for the cookie. Every carrier, any proxy's cookie included, is removed
// before a request goes upstream, token or not, and the token is never logged.
import { TOKEN_PROTOCOL_PREFIX, tokensEqual } from '../security/launch-token.ts';

export const TOKEN_HEADER = 'x-kubedesk-token';
const TOKEN_QUERY = 'kubedesk_token';
const COOKIE_PREFIX = 'kubedesk_token';

/** `kubedesk_token_<port>`. */
export function tokenCookieName(port: number): string {
  return `${COOKIE_PREFIX}_${port}`;
}

export function tokenCookieHeader(token: string, port: number): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Any KubeDesk proxy's cookie (this one's or another port's): never sent upstream. */
function isTokenCookie(name: string): boolean {
  return name === COOKIE_PREFIX || (name.startsWith(`${COOKIE_PREFIX}_`) && /^\d+$/.test(name.slice(COOKIE_PREFIX.length + 1)));
}

function cookiePairs(header: string): Array<{ name: string; raw: string; value: string }> {
  return header
    .split(';')
    .map((raw) => raw.trim())
    .filter((raw) => raw !== '')
    .map((raw) => {
      const eq = raw.indexOf('=');
      return { name: eq >= 0 ? raw.slice(0, eq).trim() : raw, value: eq >= 0 ? raw.slice(eq + 1).trim() : '', raw };
    });
}

export function tokensFromCookie(header: string | undefined, name: string): string[] {
  if (!header) return [];
  return cookiePairs(header)
    .filter((c) => c.name === name)
    .map((c) => c.value.replace(/^"(.*)"$/, '$1'));
}

/** The Cookie header without any `kubedesk_token_<port>`; undefined when nothing is left. */
export function cookieWithoutToken(header: string): string | undefined {
  const kept = cookiePairs(header).filter((c) => !isTokenCookie(c.name));
  return kept.length > 0 ? kept.map((c) => c.raw).join('; ') : undefined;
}

function tokensFromProtocols(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))
    .map((p) => p.slice(TOKEN_PROTOCOL_PREFIX.length));
}

/** `Sec-WebSocket-Protocol` without `kubedesk.token.*` entries; undefined when nothing is left. */
export function protocolsWithoutToken(header: string): string | undefined {
  const kept = header
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith(TOKEN_PROTOCOL_PREFIX));
  return kept.length > 0 ? kept.join(', ') : undefined;
}

/** Splits `name=…` (default `kubedesk_token`) out of a raw query string, keeping the other parameters as sent. */
export function splitQueryToken(rawQuery: string, param = TOKEN_QUERY): { query: string; tokens: string[] } {
  if (!rawQuery.includes(param)) return { query: rawQuery, tokens: [] };
  const tokens: string[] = [];
  const kept: string[] = [];
  for (const part of rawQuery.split('&')) {
    const eq = part.indexOf('=');
    const name = eq >= 0 ? part.slice(0, eq) : part;
    if (name === param) {
      let value = eq >= 0 ? part.slice(eq + 1) : '';
      try {
        value = decodeURIComponent(value.replace(/\+/g, ' '));
      } catch {}
      tokens.push(value);
    } else {
      kept.push(part);
    }
  }
  return { query: kept.join('&'), tokens };
}

export interface TokenInput {
  method: string;
  isUpgrade: boolean;
  header: string | undefined;
  protocols: string | undefined;
  cookie: string | undefined;
  /** This proxy's cookie name (`tokenCookieName(port)`). */
  cookieName: string;
  rawPath: string;
  rawQuery: string;
}

export type TokenVerdict =
  | { ok: true }
  | { ok: false; status: 401 }
  /** A GET that brought the token in its query: 302 to the same URL without it, plus the cookie. */
  | { ok: false; status: 302; location: string };

export function checkToken(expected: string, input: TokenInput): TokenVerdict {
  const offered = [
    ...(input.header !== undefined ? [input.header] : []),
    ...tokensFromProtocols(input.protocols),
    ...tokensFromCookie(input.cookie, input.cookieName),
  ];
  // Check every carrier (no early exit), so timing says nothing about which one matched.
  let ok = false;
  for (const t of offered) ok = tokensEqual(expected, t) || ok;
  if (ok) return { ok: true };
  if ((input.method === 'GET' || input.method === 'HEAD') && !input.isUpgrade) {
    const { query, tokens } = splitQueryToken(input.rawQuery);
    let inQuery = false;
    for (const t of tokens) inQuery = tokensEqual(expected, t) || inQuery;
    if (inQuery) return { ok: false, status: 302, location: `${input.rawPath}${query ? `?${query}` : ''}` };
  }
  return { ok: false, status: 401 };
}
