import { describe, expect, it } from 'vitest';
import { FILTER_DISABLED_WARNING, isLoopbackListen, proxyWarnings } from '../../../../electron/core/proxy/proxy-warnings.ts';
import { defaultProxyOptions } from '../../../../electron/core/proxy/proxy-options.ts';

describe('proxyWarnings (docs/proxy.md, Flags: --disable-filter; docs/security.md, H1)', () => {
  it('says nothing for the defaults', () => {
    expect(proxyWarnings(defaultProxyOptions())).toEqual([]);
  });

  it("prints kubectl's XSRF warning with --disable-filter, but not on a Unix socket (conformance case 13)", () => {
    expect(proxyWarnings(defaultProxyOptions({ disableFilter: true }))).toEqual([FILTER_DISABLED_WARNING]);
    expect(FILTER_DISABLED_WARNING).toBe('Request filter disabled, your proxy is vulnerable to XSRF attacks, please be cautious');
    expect(proxyWarnings(defaultProxyOptions({ disableFilter: true, unixSocket: '/tmp/x.sock' }))).toEqual([]);
  });

  it('warns about a non-loopback address and a match-all or look-alike accept-host (H1)', () => {
    const w = proxyWarnings(defaultProxyOptions({ address: '0.0.0.0', acceptHosts: '.*' }));
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/^Warning: --address 0\.0\.0\.0 is not a loopback address/);
    expect(w[1]).toMatch(/^Warning: --accept-hosts "\.\*" accepts hosts such as evil\.example/);
    expect(proxyWarnings(defaultProxyOptions({ acceptHosts: 'localhost' }))[0]).toMatch(/localhost\.evil\.example/);
  });

  it('warns about --accept-origins', () => {
    expect(proxyWarnings(defaultProxyOptions({ acceptOrigins: '^http://localhost:5173$' }))[0]).toMatch(/^Warning: --accept-origins/);
  });

  it('treats 127.x, ::1, [::1], localhost and Unix sockets as loopback', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopbackListen({ address })).toBe(true);
    for (const address of ['0.0.0.0', '::', '192.168.1.2']) expect(isLoopbackListen({ address })).toBe(false);
    expect(isLoopbackListen({ address: '0.0.0.0', unixSocket: '/tmp/s' })).toBe(true);
  });
});
