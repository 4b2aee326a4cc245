// Everything the proxy decides before touching the apiserver, in SPEC.md's order: H2–H4 and
// H6 (§1.4, before the mux), the prefix mux and strip (§1.2 steps 1–2), kubectl's filter (step
// 3). Pure: a request in, an answer or a forward plan out. Upgrades go through the same steps,
// so a refused WebSocket is refused before anything is dialled.
import type { IncomingHttpHeaders } from 'node:http';
import { routeApiPrefix } from './api-prefix-route.ts';
import { checkBrowserGuard, type BrowserGuard } from './browser-guard.ts';
import { badRequest, forbidden, notFound, redirect, unauthorized, type PlainResponse } from './plain-response.ts';
import { filterAccepts, filterHost, type RequestFilter } from './request-filter.ts';
import { parseRequestTarget } from './request-target.ts';
import { checkToken, splitQueryToken, TOKEN_HEADER, tokenCookieHeader } from './token-carriers.ts';

export interface PipelineConfig {
  /** Normalised `--api-prefix`. */
  prefix: string;
  /** kubectl's filter; undefined with `--disable-filter`. */
  filter: RequestFilter | undefined;
  guard: BrowserGuard;
  /** H6 token, when required. */
  token: string | undefined;
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
  'bad-request' | 'host' | 'origin' | 'sec-fetch-site' | 'token' | 'token-redirect' | 'redirect' | 'not-found' | 'filter';

export type PipelineDecision =
  | { kind: 'respond'; reason: RefusalReason; response: PlainResponse }
  /** `upstreamPath` is raw and relative to the server URL's path; `upstreamQuery` has no token. */
  | { kind: 'forward'; path: string; upstreamPath: string; upstreamQuery: string };

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function decideRequest(cfg: PipelineConfig, req: PipelineRequest): PipelineDecision {
  if (req.hostHeaders > 1) return { kind: 'respond', reason: 'bad-request', response: badRequest() };
  const target = parseRequestTarget(req.url, req.headers.host);
  if (!target) return { kind: 'respond', reason: 'bad-request', response: badRequest() };

  const verdict = checkBrowserGuard(cfg.guard, {
    host: target.host,
    origin: req.headers.origin,
    secFetchSite: one(req.headers['sec-fetch-site']),
  });
  if (!verdict.ok) return { kind: 'respond', reason: verdict.reason, response: forbidden() };

  if (cfg.token !== undefined) {
    const t = checkToken(cfg.token, {
      method: req.method,
      isUpgrade: req.isUpgrade,
      header: one(req.headers[TOKEN_HEADER]),
      protocols: req.headers['sec-websocket-protocol'],
      cookie: req.headers.cookie,
      rawPath: target.rawPath,
      rawQuery: target.rawQuery,
    });
    if (!t.ok && t.status === 401) return { kind: 'respond', reason: 'token', response: unauthorized() };
    if (!t.ok && t.status === 302) {
      return {
        kind: 'respond',
        reason: 'token-redirect',
        response: redirect(302, t.location, req.method, { 'Set-Cookie': tokenCookieHeader(cfg.token) }),
      };
    }
  }

  const route = routeApiPrefix(cfg.prefix, target);
  if (route.kind === 'redirect') return { kind: 'respond', reason: 'redirect', response: redirect(301, route.location, req.method) };
  if (route.kind === 'not-found') return { kind: 'respond', reason: 'not-found', response: notFound() };

  if (cfg.filter && !filterAccepts(cfg.filter, req.method, route.path, filterHost(target.host))) {
    return { kind: 'respond', reason: 'filter', response: forbidden() };
  }
  return { kind: 'forward', path: route.path, upstreamPath: route.upstreamPath, upstreamQuery: splitQueryToken(target.rawQuery).query };
}
