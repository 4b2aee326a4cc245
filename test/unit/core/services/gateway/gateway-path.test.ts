import { describe, expect, it } from 'vitest';
import { gatewayTarget } from '../../../../../electron/core/services/gateway/gateway-path.ts';

const P = '/api/v1/namespaces/shop/services/web:http/proxy';

describe('gatewayTarget (docs/service-gateway.md, Paths)', () => {
  it('puts the path under the prefix and keeps the raw query', () => {
    expect(gatewayTarget(P, '/')).toEqual({ path: `${P}/`, query: '' });
    expect(gatewayTarget(P, '/static/style.css?v=1&x=%2F')).toEqual({ path: `${P}/static/style.css`, query: 'v=1&x=%2F' });
    expect(gatewayTarget(P, '/dir/')).toEqual({ path: `${P}/dir/`, query: '' });
  });

  it.each([
    ['/../../api/v1/namespaces', `${P}/api/v1/namespaces`],
    ['/a/../../../../api', `${P}/api`],
    ['/%2e%2e/%2E%2E/api', `${P}/api`],
    ['/..%2f..%2fapi', `${P}/api`],
    ['/.%2e/.%2e/api', `${P}/api`],
    ['//api//v1', `${P}/api/v1`],
    ['/..\\..\\api', `${P}/api`],
    ['/%5c..%5c..%5capi', `${P}/api`],
    ['/./a/./b/..', `${P}/a`],
    ['/..', `${P}/`],
  ])('cleans %s after decoding: it stays inside the service', (url, path) => {
    expect(gatewayTarget(P, url)!.path).toBe(path);
  });

  it('escapes again what decoding revealed, so nothing becomes syntax upstream', () => {
    expect(gatewayTarget(P, '/a%3Fb%23c')!.path).toBe(`${P}/a%3Fb%23c`);
    expect(gatewayTarget(P, '/%252e%252e/x')!.path).toBe(`${P}/%252e%252e/x`);
    expect(gatewayTarget(P, '/caf%C3%A9 x')!.path).toBe(`${P}/caf%C3%A9%20x`);
    expect(gatewayTarget(P, '/a#frag')).toEqual({ path: `${P}/a`, query: '' });
  });

  it('refuses what is not an origin-form path or does not decode', () => {
    expect(gatewayTarget(P, 'http://evil/api')).toBeUndefined();
    expect(gatewayTarget(P, '*')).toBeUndefined();
    expect(gatewayTarget(P, '/%zz')).toBeUndefined();
    expect(gatewayTarget(P, '/%c3')).toBeUndefined();
  });
});
