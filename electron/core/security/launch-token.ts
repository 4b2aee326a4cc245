// Per-launch tokens (docs/security.md, H6): 32 random bytes, base64url (43 chars), compared in
// constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { TOKEN_PROTOCOL_PREFIX } from '../../shared/bridge-protocol.ts';

export { TOKEN_PROTOCOL_PREFIX };

export function newLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensEqual(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  // Hash both so lengths match and the compare is constant-time whatever the input.
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** The token carried as a `Sec-WebSocket-Protocol` entry (browsers can't set WebSocket headers). */
export function tokenFromProtocols(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const p of header.split(',')) {
    const t = p.trim();
    if (t.startsWith(TOKEN_PROTOCOL_PREFIX)) return t.slice(TOKEN_PROTOCOL_PREFIX.length);
  }
  return undefined;
}
