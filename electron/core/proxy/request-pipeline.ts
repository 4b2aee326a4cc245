// Everything the proxy decides before touching the apiserver, in kubectl's order with KubeDesk's
// hardening first (docs/security.md H2–H4, H6, H8, H9), then the prefix mux and strip and
// kubectl's filter (`kubectl/pkg/proxy/proxy_server.go`). Pure: a request in, an answer or a
// forward plan out. Upgrades go through the same steps, so a refused WebSocket is refused before
// anything is dialled.
import type { IncomingHttpHeaders } from 'node:http';
import { apiPathOf, routeApiPrefix } from './api-prefix-route.ts';
import { checkBrowserGuard, type BrowserGuard } from './browser-guard.ts';
import { browserScope, isTopLevelNavigation } from './browser-scope.ts';
import { CODE_QUERY, type LaunchCodes } from '../security/launch-codes.ts';
import { badRequest, forbidden, notFound, redirect, refreshPage, unauthorized, type PlainResponse } from './plain-response.ts';
import { filterAccepts, filterHost, type RequestFilter } from './request-filter.ts';
import { parseRequestTarget } from './request-target.ts';
import { checkToken, splitQueryToken, TOKEN_HEADER, tokenCookieHeader, tokenCookieName } from './token-carriers.ts';

export interface PipelineConfig {
  /** Normalised `--api-prefix`. */
  prefix: string;
  /** kubectl's filter; undefined with `--disable-filter`. */
  filter: RequestFilter | undefined;
  guard: BrowserGuard;
  /** H6 token, when required. */
  token: string | undefined;
  /** One-time codes a browser may swap for the token cookie (only with a token). */
  codes?: LaunchCodes | undefined;
}

export interface PipelineRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** From rawHeaders: Go answers 400 to more than one Host header. */
  hostHeaders: number;
  isUpgrade: boolean;
}

export type RefusalReason =
  | 'bad-request'
  | 'host'
  | 'origin'
  | 'sec-fetch-site'
  | 'token'
  | 'token-redirect'
  | 'code'
  | 'code-redirect'
  | 'browser-scope'
  | 'redirect'
  | 'not-found'
  | 'filter';

export type PipelineDecision =
  | { kind: 'respond'; reason: RefusalReason; response: PlainResponse }
  /**
   * `upstreamPath` is raw and relative to the server URL's path; `upstreamQuery` has no token.
   * `sandbox`: a browser navigation to an API path, whose answer must not be readable by a
   * same-origin page (served under `Content-Security-Policy: sandbox`).
   */
  | { kind: 'forward'; path: string; upstreamPath: string; upstreamQuery: string; sandbox: boolean };

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The `kubedesk_code` values a request brings (the Open button's one-time code), when codes apply. */
function codeOffered(cfg: PipelineConfig, rawQuery: string): string[] | undefined {
  if (cfg.token === undefined || cfg.codes === undefined || !rawQuery.includes(CODE_QUERY)) return undefined;
  const { tokens } = splitQueryToken(rawQuery, CODE_QUERY);
  return tokens.length > 0 ? tokens : undefined;
}

export function decideRequest(cfg: PipelineConfig, req: PipelineRequest): PipelineDecision {
  if (req.hostHeaders > 1) return { kind: 'respond', reason: 'bad-request', response: badRequest() };
  const target = parseRequestTarget(req.url, req.headers.host);
  if (!target) return { kind: 'respond', reason: 'bad-request', response: badRequest() };

  const codes = codeOffered(cfg, target.rawQuery);
  const site = one(req.headers['sec-fetch-site']);
  // Only a navigation (or a non-browser client) redeems a code, never a page's script.
  const redeeming =
    codes !== undefined &&
    (req.method === 'GET' || req.method === 'HEAD') &&
    !req.isUpgrade &&
    (req.headers['sec-fetch-mode'] === undefined || isTopLevelNavigation(req.headers));
  // A navigation bringing a launch code may come from the app's own page on another port
  // (`same-site`): the code, not the page, is the credential, so H4 steps aside for it alone.
  const verdict = checkBrowserGuard(cfg.guard, {
    host: target.host,
    origin: req.headers.origin,
    secFetchSite: redeeming ? undefined : site,
  });
  if (!verdict.ok) return { kind: 'respond', reason: verdict.reason, response: forbidden() };

  if (cfg.token !== undefined) {
    const port = cfg.guard.port ?? 0;
    if (codes !== undefined) {
      // Used, expired, unknown, or not a navigation: 401, whatever else the request carries.
      let ok = false;
      if (redeeming) for (const c of codes) ok = cfg.codes!.redeem(c) || ok;
      if (!ok) return { kind: 'respond', reason: 'code', response: unauthorized() };
      const rest = splitQueryToken(splitQueryToken(target.rawQuery, CODE_QUERY).query).query;
      const location = `${target.rawPath}${rest ? `?${rest}` : ''}`;
      const cookie = { 'Set-Cookie': tokenCookieHeader(cfg.token, port) };
      // A redirect keeps the navigation's `same-site` (Fetch Metadata looks at the whole chain),
      // which H4 refuses: then a page of ours navigates on, as `same-origin`.
      const crossPage = site !== undefined && site !== 'none' && site !== 'same-origin';
      return {
        kind: 'respond',
        reason: 'code-redirect',
        response: crossPage ? refreshPage(location, cookie) : redirect(302, location, req.method, cookie),
      };
    }
    const t = checkToken(cfg.token, {
      method: req.method,
      isUpgrade: req.isUpgrade,
      header: one(req.headers[TOKEN_HEADER]),
      protocols: req.headers['sec-websocket-protocol'],
      cookie: req.headers.cookie,
      cookieName: tokenCookieName(port),
      rawPath: target.rawPath,
      rawQuery: target.rawQuery,
    });
    if (!t.ok && t.status === 401) return { kind: 'respond', reason: 'token', response: unauthorized() };
    if (!t.ok && t.status === 302) {
      return {
        kind: 'respond',
        reason: 'token-redirect',
        response: redirect(302, t.location, req.method, { 'Set-Cookie': tokenCookieHeader(cfg.token, port) }),
      };
    }
  }

  // H8, judged on the path the apiserver will see: decoded, cleaned, stripped of the prefix.
  const scope = browserScope(req, apiPathOf(cfg.prefix, target) ?? target.path);
  if (scope === 'refused') return { kind: 'respond', reason: 'browser-scope', response: forbidden() };

  const route = routeApiPrefix(cfg.prefix, target);
  if (route.kind === 'redirect') return { kind: 'respond', reason: 'redirect', response: redirect(301, route.location, req.method) };
  if (route.kind === 'not-found') return { kind: 'respond', reason: 'not-found', response: notFound() };

  if (cfg.filter && !filterAccepts(cfg.filter, req.method, route.path, filterHost(target.host))) {
    return { kind: 'respond', reason: 'filter', response: forbidden() };
  }
  return {
    kind: 'forward',
    path: route.path,
    upstreamPath: route.upstreamPath,
    upstreamQuery: splitQueryToken(target.rawQuery).query,
    sandbox: scope === 'navigation',
  };
}
