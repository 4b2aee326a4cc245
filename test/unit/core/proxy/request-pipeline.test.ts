import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { compileRegexList } from '../../../../electron/core/proxy/regex-list.ts';
import { defaultProxyOptions, normalizeApiPrefix, type ProxyOptions } from '../../../../electron/core/proxy/proxy-options.ts';
import { compileRequestFilter } from '../../../../electron/core/proxy/request-filter.ts';
import { LaunchCodes } from '../../../../electron/core/security/launch-codes.ts';
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

describe('decideRequest: hardening, mux and filter in order', () => {
  it('forwards an API read from a loopback host (conformance case 3)', () => {
    expect(decide(config(), 'GET', '/api/?x=1', { host: '127.0.0.1:8001' })).toEqual({
      kind: 'forward',
      path: '/api/',
      upstreamPath: '/api/',
      upstreamQuery: 'x=1',
      sandbox: false,
    });
  });

  it('refuses a foreign Host with 403 Forbidden (conformance case 4)', () => {
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

  it('refuses exec before anything else happens, for upgrades too (conformance case 7)', () => {
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

  it("404s outside the prefix with Go's body and 301s the bare prefix (conformance case 11)", () => {
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

  it('--disable-filter forwards any Host and exec but still refuses cross-site pages (conformance case 13)', () => {
    const cfg = config({ disableFilter: true });
    expect(decide(cfg, 'GET', '/api/', { host: 'evil.example' })).toMatchObject({ kind: 'forward' });
    expect(decide(cfg, 'POST', '/api/v1/namespaces/d/pods/p/exec', { host: 'evil.example' })).toMatchObject({ kind: 'forward' });
    expect(decide(cfg, 'GET', '/api/', { host: 'evil.example', 'sec-fetch-site': 'cross-site' })).toMatchObject({
      reason: 'sec-fetch-site',
    });
  });

  it('with --token: 401 without it, forward with it, 302 + cookie for a query token (conformance cases 21-23)', () => {
    const cfg = config({ token: TOKEN });
    expect(decide(cfg, 'GET', '/api/', { host: 'localhost' })).toMatchObject({
      reason: 'token',
      response: { status: 401, body: 'Unauthorized\n' },
    });
    expect(decide(cfg, 'GET', '/api/', { host: 'localhost', 'x-kubedesk-token': TOKEN })).toMatchObject({ kind: 'forward' });
    expect(decide(cfg, 'GET', `/api/?kubedesk_token=${TOKEN}`, { host: 'localhost' })).toMatchObject({
      reason: 'token-redirect',
      response: {
        status: 302,
        headers: { Location: '/api/', 'Set-Cookie': `kubedesk_token_8001=${TOKEN}; HttpOnly; SameSite=Strict; Path=/` },
      },
    });
    expect(
      decide(cfg, 'GET', `/api/?a=1&kubedesk_token=${TOKEN}`, { host: 'localhost', cookie: `kubedesk_token_8001=${TOKEN}` }),
    ).toMatchObject({
      kind: 'forward',
      upstreamQuery: 'a=1',
    });
  });

  it('checks the Origin before the token, so a hostile page learns nothing about it', () => {
    expect(decide(config({ token: TOKEN }), 'GET', '/api/', { host: 'localhost', origin: 'http://evil.example' })).toMatchObject({
      response: { status: 403 },
    });
  });

  it('redirects an exec path hidden behind an encoded dot segment instead of forwarding it (H9)', () => {
    for (const url of [
      '/apis/%2e%2e/api/v1/namespaces/shop/pods/P/exec',
      '/apis/%2E%2E/api/v1/namespaces/shop/pods/P/exec',
      '/apis/..%2fapi/v1/namespaces/shop/pods/P/exec',
      '/apis/%2e%2e%2Fapi/v1/namespaces/shop/pods/P/exec',
    ]) {
      expect(decide(config(), 'POST', `${url}?command=ls`, { host: 'localhost:8001' })).toMatchObject({
        kind: 'respond',
        reason: 'redirect',
        response: { status: 301, headers: { Location: '/api/v1/namespaces/shop/pods/P/exec?command=ls' } },
      });
    }
    expect(decide(config(), 'POST', '/api/v1/namespaces/shop/pods/P/exec', { host: 'localhost:8001' })).toMatchObject({ reason: 'filter' });
  });

  describe('browser scope (H8)', () => {
    const script = { host: 'localhost:8001', 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' };
    const nav = { host: 'localhost:8001', 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
    const svc = '/api/v1/namespaces/shop/services/web/proxy/';

    it("refuses a same-origin script's API write, and any browser WebSocket outside …/proxy/…", () => {
      expect(decide(config(), 'POST', '/api/v1/namespaces/shop/configmaps', { ...script, origin: 'http://localhost:8001' })).toMatchObject({
        reason: 'browser-scope',
        response: { status: 403, body: 'Forbidden\n' },
      });
      expect(
        decide(config(), 'GET', '/api/v1/namespaces/shop/pods/p/portforward?ports=80', { ...script, 'sec-fetch-mode': 'websocket' }, true),
      ).toMatchObject({
        reason: 'browser-scope',
      });
      // An Origin alone (a browser without Fetch Metadata) counts as a browser too.
      expect(decide(config(), 'GET', '/api/v1/pods', { host: 'localhost:8001', origin: 'http://localhost:8001' })).toMatchObject({
        reason: 'browser-scope',
      });
    });

    it('lets scripts and WebSockets reach service, pod and node proxy subresources', () => {
      for (const p of [
        svc,
        `${svc}app.js`,
        '/api/v1/namespaces/shop/pods/web-1/proxy/x',
        '/api/v1/nodes/n1/proxy/metrics',
        '/api/v1/namespaces/shop/services/https:web:443/proxy',
      ]) {
        expect(decide(config(), 'GET', p, script)).toMatchObject({ kind: 'forward', sandbox: false });
      }
      expect(decide(config(), 'GET', `${svc}ws`, { ...script, 'sec-fetch-mode': 'websocket' }, true)).toMatchObject({ kind: 'forward' });
    });

    it('judges the path after cleaning and prefix stripping: …/proxy/../../.. cannot reach pods', () => {
      expect(decide(config(), 'GET', `${svc}../../../../pods`, script)).toMatchObject({ reason: 'browser-scope' });
      expect(decide(config(), 'GET', `${svc}%2e%2e/%2e%2e/%2e%2e/%2e%2e/pods`, script)).toMatchObject({ reason: 'browser-scope' });
      const prefixed = config({ apiPrefix: '/k8s/' });
      expect(decide(prefixed, 'GET', `/k8s${svc}x`, script)).toMatchObject({ kind: 'forward', upstreamPath: `${svc}x` });
      expect(decide(prefixed, 'GET', '/k8s/api/v1/pods', script)).toMatchObject({ reason: 'browser-scope' });
    });

    it('lets a top-level navigation reach API paths, sandboxed; not a frame, not a form post', () => {
      expect(
        decide(config(), 'POST', '/api/v1/namespaces/shop/configmaps', {
          ...nav,
          'sec-fetch-site': 'same-origin',
          origin: 'http://localhost:8001',
        }),
      ).toMatchObject({
        reason: 'browser-scope',
      });
      expect(decide(config(), 'GET', '/api/v1/namespaces/shop/pods', nav)).toMatchObject({ kind: 'forward', sandbox: true });
      expect(
        decide(config(), 'GET', '/api/v1/namespaces/shop/secrets', { ...nav, 'sec-fetch-dest': 'iframe', 'sec-fetch-site': 'same-origin' }),
      ).toMatchObject({
        reason: 'browser-scope',
      });
    });

    it('leaves kubectl, curl and client libraries alone (no Sec-Fetch-*, no Origin)', () => {
      expect(decide(config(), 'POST', '/api/v1/namespaces/shop/configmaps', { host: 'localhost:8001' })).toMatchObject({
        kind: 'forward',
        sandbox: false,
      });
      expect(decide(config(), 'GET', '/api/v1/namespaces/shop/pods/p/portforward', { host: 'localhost:8001' }, true)).toMatchObject({
        kind: 'forward',
      });
    });
  });

  describe('one-time launch codes', () => {
    function withCodes(): { cfg: PipelineConfig; codes: LaunchCodes } {
      const codes = new LaunchCodes();
      return { cfg: { ...config({ token: TOKEN }), codes }, codes };
    }

    it('swaps a code once for a 302 and the per-port cookie; the second use gets 401', () => {
      const { cfg, codes } = withCodes();
      const code = codes.issue();
      const url = `/api/?a=1&kubedesk_code=${code}`;
      expect(decide(cfg, 'GET', url, { host: 'localhost:8001' })).toMatchObject({
        reason: 'code-redirect',
        response: {
          status: 302,
          headers: { Location: '/api/?a=1', 'Set-Cookie': `kubedesk_token_8001=${TOKEN}; HttpOnly; SameSite=Strict; Path=/` },
        },
      });
      expect(decide(cfg, 'GET', url, { host: 'localhost:8001' })).toMatchObject({ reason: 'code', response: { status: 401 } });
      expect(decide(cfg, 'GET', '/api/?kubedesk_code=made-up', { host: 'localhost:8001', 'x-kubedesk-token': TOKEN })).toMatchObject({
        reason: 'code',
      });
    });

    it("takes a code from the app's page on another port, answering with a page that navigates on", () => {
      const { cfg, codes } = withCodes();
      const d = decide(cfg, 'GET', `/api/?kubedesk_code=${codes.issue()}`, {
        host: '127.0.0.1:8001',
        'sec-fetch-site': 'same-site',
        'sec-fetch-mode': 'navigate',
        'sec-fetch-dest': 'document',
      });
      expect(d).toMatchObject({
        reason: 'code-redirect',
        response: { status: 200, headers: { 'Set-Cookie': expect.stringMatching(/^kubedesk_token_8001=/) } },
      });
      if (d.kind === 'respond') expect(d.response.body).toContain('<meta http-equiv="refresh" content="0; url=/api/">');
    });

    it("never redeems a code for a script, a WebSocket or a foreign site's fetch", () => {
      const { cfg, codes } = withCodes();
      const code = codes.issue();
      expect(
        decide(cfg, 'GET', `/api/?kubedesk_code=${code}`, {
          host: 'localhost:8001',
          'sec-fetch-site': 'same-site',
          'sec-fetch-mode': 'cors',
        }),
      ).toMatchObject({
        reason: 'sec-fetch-site',
      });
      expect(
        decide(cfg, 'GET', `/api/?kubedesk_code=${code}`, {
          host: 'localhost:8001',
          'sec-fetch-site': 'same-origin',
          'sec-fetch-mode': 'cors',
        }),
      ).toMatchObject({
        reason: 'code',
      });
      expect(decide(cfg, 'GET', `/api/?kubedesk_code=${code}`, { host: 'localhost:8001' }, true)).toMatchObject({ reason: 'code' });
      // Still unused: a navigation redeems it.
      expect(decide(cfg, 'GET', `/api/?kubedesk_code=${code}`, { host: 'localhost:8001' })).toMatchObject({ reason: 'code-redirect' });
    });
  });
});
