import { describe, expect, it } from 'vitest';
import { hostOfHostHeader, isLoopbackHostHeader, isOwnOrigin } from '../../../../electron/core/security/host-header.ts';

describe('host-header (docs/proxy.md, step 3; docs/security.md, H2, H3)', () => {
  it.each([
    ['127.0.0.1:8001', '127.0.0.1'],
    ['localhost', 'localhost'],
    ['[::1]:8001', '::1'],
    ['[::1]', '::1'],
    ['::1', '::1'],
    ['evil.example:80', 'evil.example'],
  ])('splits %s to %s', (header, host) => {
    expect(hostOfHostHeader(header)).toBe(host);
  });

  it('accepts loopback names with either IPv6 spelling (KubeDesk differs from kubernetes#77496)', () => {
    for (const h of ['localhost:1', '127.0.0.1:1', '[::1]:1', '::1', 'LOCALHOST']) expect(isLoopbackHostHeader(h)).toBe(true);
  });

  it('refuses foreign, look-alike and missing hosts (conformance cases 4-5)', () => {
    for (const h of ['evil.example:8001', 'localhost.evil.com', '127.0.0.1.nip.io', '', undefined])
      expect(isLoopbackHostHeader(h)).toBe(false);
  });

  it('accepts only its own origin on the bound port', () => {
    expect(isOwnOrigin('http://127.0.0.1:8001', 8001)).toBe(true);
    expect(isOwnOrigin('http://localhost:8001', 8001)).toBe(true);
    expect(isOwnOrigin('http://[::1]:8001', 8001)).toBe(true);
    expect(isOwnOrigin('http://127.0.0.1:8002', 8001)).toBe(false);
    expect(isOwnOrigin('https://127.0.0.1:8001', 8001)).toBe(false);
    expect(isOwnOrigin('http://evil.example:8001', 8001)).toBe(false);
    expect(isOwnOrigin('null', 8001)).toBe(false);
  });
});
