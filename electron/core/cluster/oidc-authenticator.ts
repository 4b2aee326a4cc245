// The `oidc` auth-provider (docs/kubeconfig.md, OIDC, client-go/plugin/pkg/client/auth/oidc/oidc.go):
// `Bearer <id-token>`; when the id-token is missing or within 10 s of its `exp`, refresh it at
// the issuer's token endpoint (OpenID discovery) with the refresh-token, then write the new
// tokens back: to the kubeconfig file, or to the keychain for an imported user. client-node
// refreshes too but never persists, so a rotated (single-use) refresh token would be lost.
import { readFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { KubeDeskError, describe } from '../errors.ts';
import { resolveAgainst } from '../kubeconfig/validate-kubeconfig.ts';
import { raceSignal } from './exec-authenticator.ts';

const OIDC_REFRESH_WINDOW_MS = 10_000;

export interface OidcTokens {
  idToken: string;
  refreshToken?: string | undefined;
}

export interface OidcOptions {
  user: string;
  /** The auth-provider config, secrets included (in memory only). */
  config: Record<string, string>;
  /** The kubeconfig's folder, for a relative idp-certificate-authority. */
  dir?: string | undefined;
  /** Writes refreshed tokens back where they came from. */
  persist(tokens: OidcTokens): Promise<void>;
  now?: () => number;
}

/** `exp` of a JWT in epoch ms, or undefined when the token is not a JWT with one. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function fail(user: string, message: string): never {
  throw new KubeDeskError('unauthorized', `oidc (user ${user}): ${message}`);
}

async function postOrGet(
  url: URL,
  init: { method: string; body?: string; headers?: Record<string, string>; ca?: Buffer | undefined },
): Promise<{ status: number; text: string }> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: init.method,
      headers: { Accept: 'application/json', ...init.headers },
      timeout: 30_000,
      ...(init.ca && url.protocol === 'https:' ? { ca: init.ca } : {}),
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.end(init.body);
  });
}

export class OidcAuthenticator {
  #opts: OidcOptions;
  #now: () => number;
  #idToken: string | undefined;
  #refreshToken: string | undefined;
  #stale = false;
  #inflight: Promise<string> | undefined;
  /** How many refreshes ran (tests). */
  refreshes = 0;

  constructor(opts: OidcOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    this.#idToken = opts.config['id-token'] || undefined;
    this.#refreshToken = opts.config['refresh-token'] || undefined;
  }

  #valid(): boolean {
    if (!this.#idToken || this.#stale) return false;
    const exp = jwtExpiry(this.#idToken);
    return exp === undefined || this.#now() + OIDC_REFRESH_WINDOW_MS < exp;
  }

  async idToken(signal?: AbortSignal): Promise<string> {
    if (this.#valid()) return this.#idToken!;
    this.#inflight ??= this.#refresh().finally(() => (this.#inflight = undefined));
    return raceSignal(this.#inflight, signal);
  }

  /** After a 401: refresh before the next request, if a refresh token allows it. */
  invalidate(): void {
    if (this.#refreshToken) this.#stale = true;
  }

  async #caBundle(): Promise<Buffer | undefined> {
    const cfg = this.#opts.config;
    if (cfg['idp-certificate-authority-data']) return Buffer.from(cfg['idp-certificate-authority-data'], 'base64');
    const file = cfg['idp-certificate-authority'];
    if (!file) return undefined;
    return readFile(resolveAgainst(this.#opts.dir, file));
  }

  async #refresh(): Promise<string> {
    const { user, config } = this.#opts;
    if (!this.#refreshToken) fail(user, 'the id-token has expired and there is no refresh-token; log in again to get new tokens');
    const issuer = config['idp-issuer-url'];
    const clientId = config['client-id'];
    if (!issuer) fail(user, 'Must provide idp-issuer-url');
    if (!clientId) fail(user, 'Must provide client-id');
    this.refreshes += 1;
    const ca = await this.#caBundle();
    let tokenEndpoint: URL;
    try {
      const discovery = await postOrGet(new URL(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`), { method: 'GET', ca });
      if (discovery.status !== 200) fail(user, `discovery at ${issuer} answered HTTP ${discovery.status}`);
      const endpoint = (JSON.parse(discovery.text) as { token_endpoint?: unknown }).token_endpoint;
      if (typeof endpoint !== 'string') fail(user, `discovery at ${issuer} has no token_endpoint`);
      tokenEndpoint = new URL(endpoint);
    } catch (err) {
      if (err instanceof KubeDeskError) throw err;
      return fail(user, `cannot reach the issuer ${issuer}: ${describe(err)}`);
    }
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.#refreshToken, client_id: clientId });
    if (config['client-secret']) form.set('client_secret', config['client-secret']);
    let answer: { status: number; text: string };
    try {
      answer = await postOrGet(tokenEndpoint, {
        method: 'POST',
        body: form.toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        ca,
      });
    } catch (err) {
      return fail(user, `cannot reach the token endpoint ${tokenEndpoint.origin}${tokenEndpoint.pathname}: ${describe(err)}`);
    }
    // The body may carry tokens: only the OAuth error code is ever shown.
    let body: { id_token?: unknown; refresh_token?: unknown; error?: unknown } = {};
    try {
      body = JSON.parse(answer.text) as typeof body;
    } catch {}
    if (answer.status !== 200) {
      fail(
        user,
        `refreshing the token failed: HTTP ${answer.status}${typeof body.error === 'string' ? ` ${body.error}` : ''}; log in again`,
      );
    }
    if (typeof body.id_token !== 'string' || body.id_token === '') fail(user, 'token response did not contain an id_token');
    this.#idToken = body.id_token;
    if (typeof body.refresh_token === 'string' && body.refresh_token !== '') this.#refreshToken = body.refresh_token;
    this.#stale = false;
    await this.#opts.persist({ idToken: this.#idToken, refreshToken: this.#refreshToken });
    return this.#idToken;
  }
}
