import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { compileRegexList } from '../../../../electron/core/proxy/regex-list.ts';
import { defaultProxyOptions, normalizeApiPrefix, type ProxyOptions } from '../../../../electron/core/proxy/proxy-options.ts';
import { compileRequestFilter } from '../../../../electron/core/proxy/request-filter.ts';
import { decideRequest, type PipelineConfig } from '../../../../electron/core/proxy/request-pipeline.ts';

function config(over: Partial<ProxyOptions> = {}): PipelineConfig {
  const o = defaultProxyOptions(over);
  const filter = compileRequestFilter(o);
  return {
    prefix: normalizeApiPrefix(o.apiPrefix),
    filter: o.disableFilter ? undefined : filter,
    guard: {
      acceptHosts: filter.acceptHosts,
      acceptOrigins: compileRegexList('accept-origins', o.acceptOrigins ?? ''),
      port: 8001,
      checkHost: !o.disableFilter,
    },
    token: o.token,
  };
}

const decide = (
  cfg: PipelineConfig,
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  isUpgrade = false,
): ReturnType<typeof decideRequest> =>
  decideRequest(cfg, { method, url, headers, hostHeaders: headers.host === undefined ? 0 : 1, isUpgrade });

const TOKEN = 'T'.repeat(43);

describe('decideRequest (SPEC §1.2 steps 1-3, §1.4)', () => {
  it('forwards an API read from a loopback host (SPEC §5 case 3)', () => {
    expect(decide(config(), 'GET', '/api/?x=1', { host: '127.0.0.1:8001' })).toEqual({
      kind: 'forward',
      path: '/api/',
      upstreamPath: '/api/',
      upstreamQuery: 'x=1',
    });
  });

  it('refuses a foreign Host with 403 Forbidden (SPEC §5 case 4)', () => {
    const d = decide(config(), 'GET', '/api/', { host: 'evil.example:8001' });
    expect(d).toMatchObject({ kind: 'respond', reason: 'host', response: { status: 403, body: 'Forbidden\n' } });
    if (d.kind === 'respond') {
      expect(d.response.headers).toEqual({ 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
    }
  });

  it('refuses an absolute-form target naming a foreign host, whatever the Host header', () => {
    expect(decide(config(), 'GET', 'http://evil.example:8001/api/', { host: '127.0.0.1:8001' })).toMatchObject({ reason: 'host' });
  });

  it('answers 400 to two Host headers and to bad escapes, as Go does', () => {
    expect(
      decideRequest(config(), { method: 'GET', url: '/api', headers: { host: 'localhost' }, hostHeaders: 2, isUpgrade: false }),
    ).toMatchObject({
      reason: 'bad-request',
      response: { status: 400 },
    });
    expect(decide(config(), 'GET', '/api/%zz', { host: 'localhost' })).toMatchObject({ reason: 'bad-request' });
  });

  it('refuses exec before anything else happens, for upgrades too (SPEC §5 case 7)', () => {
    expect(decide(config(), 'POST', '/api/v1/namespaces/d/pods/p/exec?command=ls', { host: 'localhost:8001' })).toMatchObject({
      reason: 'filter',
      response: { status: 403 },
    });
    expect(decide(config(), 'GET', '/api/v1/namespaces/d/pods/p/attach', { host: 'localhost:8001' }, true)).toMatchObject({
      reason: 'filter',
    });
    expect(decide(config(), 'GET', '/api/v1/namespaces/d/pods/p/%61ttach', { host: 'localhost:8001' }, true)).toMatchObject({
      reason: 'filter',
    });
  });

  it("404s outside the prefix with Go's body and 301s the bare prefix (SPEC §5 case 11)", () => {
    const cfg = config({ apiPrefix: '/k8s-api' });
    expect(decide(cfg, 'GET', '/api/v1/pods', { host: 'localhost' })).toMatchObject({
      reason: 'not-found',
      response: { status: 404, body: '404 page not found\n' },
    });
    expect(decide(cfg, 'GET', '/k8s-api', { host: 'localhost' })).toMatchObject({
      reason: 'redirect',
      response: { status: 301, headers: { Location: '/k8s-api/' }, body: '<a href="/k8s-api/">Moved Permanently</a>.\n\n' },
    });
    expect(decide(cfg, 'GET', '/k8s-api/api/v1/pods', { host: 'localhost' })).toMatchObject({
      kind: 'forward',
      upstreamPath: '/api/v1/pods',
    });
  });

  it('runs the browser guard before the mux: a cross-site page gets 403 even for a 404 path', () => {
    expect(decide(config(), 'GET', '/nope', { host: 'localhost', origin: 'https://evil.example' })).toMatchObject({ reason: 'origin' });
  });

  it('--disable-filter forwards any Host and exec but still refuses cross-site pages (SPEC §5 case 13)', () => {
    const cfg = config({ disableFilter: true });
    expect(decide(cfg, 'GET', '/api/', { host: 'evil.example' })).toMatchObject({ kind: 'forward' });
    expect(decide(cfg, 'POST', '/api/v1/namespaces/d/pods/p/exec', { host: 'evil.example' })).toMatchObject({ kind: 'forward' });
    expect(decide(cfg, 'GET', '/api/', { host: 'evil.example', 'sec-fetch-site': 'cross-site' })).toMatchObject({
      reason: 'sec-fetch-site',
    });
  });

  it('with --token: 401 without it, forward with it, 302 + cookie for a query token (SPEC §5 cases 21-23)', () => {
    const cfg = config({ token: TOKEN });
    expect(decide(cfg, 'GET', '/api/', { host: 'localhost' })).toMatchObject({
      reason: 'token',
      response: { status: 401, body: 'Unauthorized\n' },
    });
    expect(decide(cfg, 'GET', '/api/', { host: 'localhost', 'x-kubedesk-token': TOKEN })).toMatchObject({ kind: 'forward' });
    expect(decide(cfg, 'GET', `/api/?kubedesk_token=${TOKEN}`, { host: 'localhost' })).toMatchObject({
      reason: 'token-redirect',
      response: { status: 302, headers: { Location: '/api/', 'Set-Cookie': `kubedesk_token=${TOKEN}; HttpOnly; SameSite=Strict; Path=/` } },
    });
    expect(decide(cfg, 'GET', `/api/?a=1&kubedesk_token=${TOKEN}`, { host: 'localhost', cookie: `kubedesk_token=${TOKEN}` })).toMatchObject(
      {
        kind: 'forward',
        upstreamQuery: 'a=1',
      },
    );
  });

  it('checks the Origin before the token, so a hostile page learns nothing about it', () => {
    expect(decide(config({ token: TOKEN }), 'GET', '/api/', { host: 'localhost', origin: 'http://evil.example' })).toMatchObject({
      response: { status: 403 },
    });
  });
});
