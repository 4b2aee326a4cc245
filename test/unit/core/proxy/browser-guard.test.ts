import { describe, expect, it } from 'vitest';
import { checkBrowserGuard, isOwnProxyOrigin, type BrowserGuard } from '../../../../electron/core/proxy/browser-guard.ts';
import { DEFAULT_ACCEPT_HOSTS } from '../../../../electron/core/proxy/proxy-options.ts';
import { compileRegexList } from '../../../../electron/core/proxy/regex-list.ts';

const guard = (over: Partial<BrowserGuard> = {}): BrowserGuard => ({
  acceptHosts: compileRegexList('accept-hosts', DEFAULT_ACCEPT_HOSTS),
  acceptOrigins: [],
  port: 8001,
  checkHost: true,
  ...over,
});
const req = (host: string | undefined, origin?: string, secFetchSite?: string): Parameters<typeof checkBrowserGuard>[1] => ({
  host,
  origin,
  secFetchSite,
});

describe('browser-guard (docs/security.md, H2-H4)', () => {
  it('H2: refuses a missing, empty or foreign Host, DNS-rebinding style (conformance cases 4-5)', () => {
    expect(checkBrowserGuard(guard(), req(undefined))).toEqual({ ok: false, reason: 'host' });
    expect(checkBrowserGuard(guard(), req(''))).toEqual({ ok: false, reason: 'host' });
    expect(checkBrowserGuard(guard(), req('evil.example:8001'))).toEqual({ ok: false, reason: 'host' });
    expect(checkBrowserGuard(guard(), req('localhost.evil.com'))).toEqual({ ok: false, reason: 'host' });
  });

  it('H2: accepts loopback hosts, IPv6 in both spellings (conformance case 6)', () => {
    for (const h of ['127.0.0.1:8001', 'localhost:8001', '[::1]:8001', '[::1]', 'localhost']) {
      expect(checkBrowserGuard(guard(), req(h))).toEqual({ ok: true });
    }
  });

  it('H2 is off with --disable-filter, H3 and H4 are not (docs/security.md)', () => {
    const g = guard({ checkHost: false });
    expect(checkBrowserGuard(g, req('evil.example'))).toEqual({ ok: true });
    expect(checkBrowserGuard(g, req('evil.example', 'https://evil.example'))).toEqual({ ok: false, reason: 'origin' });
    expect(checkBrowserGuard(g, req('evil.example', undefined, 'cross-site'))).toEqual({ ok: false, reason: 'sec-fetch-site' });
  });

  it('H3: refuses a foreign, null, https or other-port Origin (conformance case 19)', () => {
    for (const o of ['https://evil.example', 'null', 'https://127.0.0.1:8001', 'http://127.0.0.1:3000', 'http://evil.example:8001']) {
      expect(checkBrowserGuard(guard(), req('127.0.0.1:8001', o))).toEqual({ ok: false, reason: 'origin' });
    }
  });

  it('H3: accepts its own origin on the bound port (conformance case 19)', () => {
    for (const o of ['http://127.0.0.1:8001', 'http://localhost:8001', 'http://[::1]:8001']) {
      expect(checkBrowserGuard(guard(), req('127.0.0.1:8001', o, 'same-origin'))).toEqual({ ok: true });
    }
  });

  it('H3: no origin is its own on a Unix socket', () => {
    expect(isOwnProxyOrigin(guard({ port: undefined }), 'http://localhost:8001')).toBe(false);
  });

  it('H3: port 80 origins have no port in them', () => {
    expect(isOwnProxyOrigin(guard({ port: 80 }), 'http://localhost')).toBe(true);
  });

  it('H4: refuses cross-site and same-site fetches, accepts none and same-origin (conformance case 20)', () => {
    expect(checkBrowserGuard(guard(), req('localhost:8001', undefined, 'cross-site'))).toEqual({ ok: false, reason: 'sec-fetch-site' });
    expect(checkBrowserGuard(guard(), req('localhost:8001', undefined, 'same-site'))).toEqual({ ok: false, reason: 'sec-fetch-site' });
    expect(checkBrowserGuard(guard(), req('localhost:8001', undefined, 'none'))).toEqual({ ok: true });
    expect(checkBrowserGuard(guard(), req('localhost:8001', undefined, 'same-origin'))).toEqual({ ok: true });
  });

  it('--accept-origins relaxes H3 and H4 for the listed origins only', () => {
    const g = guard({ acceptOrigins: compileRegexList('accept-origins', '^http://localhost:5173$') });
    expect(checkBrowserGuard(g, req('localhost:8001', 'http://localhost:5173', 'same-site'))).toEqual({ ok: true });
    expect(checkBrowserGuard(g, req('localhost:8001', 'http://localhost:5174', 'same-site'))).toEqual({ ok: false, reason: 'origin' });
    expect(checkBrowserGuard(g, req('localhost:8001', undefined, 'cross-site'))).toEqual({ ok: false, reason: 'sec-fetch-site' });
    expect(checkBrowserGuard(g, req('localhost:8001', 'null'))).toEqual({ ok: false, reason: 'origin' });
  });
});
