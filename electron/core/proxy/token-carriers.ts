// H6 (SPEC.md §1.4): the per-launch token travels in a header, a WebSocket subprotocol entry
// (browsers can't set WebSocket headers), a cookie, or once in a GET query that is swapped for
// the cookie. Every carrier is removed before a request goes upstream, token or not, and the
// token is never logged.
import { TOKEN_PROTOCOL_PREFIX, tokensEqual } from '../security/launch-token.ts';

export const TOKEN_HEADER = 'x-kubedesk-token';
export const TOKEN_COOKIE = 'kubedesk_token';
export const TOKEN_QUERY = 'kubedesk_token';

export function tokenCookieHeader(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
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

export function tokensFromCookie(header: string | undefined): string[] {
  if (!header) return [];
  return cookiePairs(header)
    .filter((c) => c.name === TOKEN_COOKIE)
    .map((c) => c.value.replace(/^"(.*)"$/, '$1'));
}

/** The Cookie header without `kubedesk_token`; undefined when nothing is left. */
export function cookieWithoutToken(header: string): string | undefined {
  const kept = cookiePairs(header).filter((c) => c.name !== TOKEN_COOKIE);
  return kept.length > 0 ? kept.map((c) => c.raw).join('; ') : undefined;
}

export function tokensFromProtocols(header: string | undefined): string[] {
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

/** Splits `kubedesk_token=…` out of a raw query string, keeping the other parameters as sent. */
export function splitQueryToken(rawQuery: string): { query: string; tokens: string[] } {
  if (!rawQuery.includes(TOKEN_QUERY)) return { query: rawQuery, tokens: [] };
  const tokens: string[] = [];
  const kept: string[] = [];
  for (const part of rawQuery.split('&')) {
    const eq = part.indexOf('=');
    const name = eq >= 0 ? part.slice(0, eq) : part;
    if (name === TOKEN_QUERY) {
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
    ...tokensFromCookie(input.cookie),
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
