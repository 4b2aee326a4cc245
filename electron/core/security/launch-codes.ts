// One-time launch codes for opening a token-protected proxy in the user's browser: the app hands
// the browser `?kubedesk_code=<c>` (a URL that may show in `ps` while xdg-open runs), and the proxy
// swaps it once for the session cookie. A code is worthless once used or after a short while, so
// the token itself never leaves KubeDesk (docs/security.md, H6). As VS Code's `tkn` query and
// Jupyter's `?token=` do, but single-use.
import { createHash, randomBytes } from 'node:crypto';

export const CODE_QUERY = 'kubedesk_code';
/** Long enough for a browser to start; short enough that a code seen later is stale. */
const DEFAULT_CODE_TTL_MS = 60_000;
/** Unredeemed codes kept at most (the oldest go first). */
const MAX_OUTSTANDING = 64;

export interface LaunchCodesOptions {
  ttlMs?: number;
  now?: () => number;
}

export class LaunchCodes {
  /** sha256(code) → expiry: the codes themselves are not kept. */
  #codes = new Map<string, number>();
  #ttlMs: number;
  #now: () => number;

  constructor(opts: LaunchCodesOptions = {}) {
    this.#ttlMs = opts.ttlMs ?? DEFAULT_CODE_TTL_MS;
    this.#now = opts.now ?? Date.now;
  }

  /** A new single-use code, valid for `ttlMs` (default: the instance's lifetime). */
  issue(ttlMs = this.#ttlMs): string {
    this.#prune();
    const code = randomBytes(32).toString('base64url');
    this.#codes.set(digest(code), this.#now() + ttlMs);
    if (this.#codes.size > MAX_OUTSTANDING) this.#codes.delete(this.#codes.keys().next().value!);
    return code;
  }

  /** True once per issued code, before it expires. */
  redeem(code: string): boolean {
    const key = digest(code);
    const expires = this.#codes.get(key);
    if (expires === undefined) return false;
    this.#codes.delete(key);
    return this.#now() < expires;
  }

  #prune(): void {
    const now = this.#now();
    for (const [k, exp] of this.#codes) if (exp <= now) this.#codes.delete(k);
  }
}

function digest(code: string): string {
  return createHash('sha256').update(code).digest('base64url');
}
