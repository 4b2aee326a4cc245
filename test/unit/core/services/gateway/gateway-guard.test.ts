import { describe, expect, it } from 'vitest';
import { checkGatewayRequest } from '../../../../../electron/core/services/gateway/gateway-guard.ts';

const PORT = 41234;
const check = (headers: Record<string, string>, method = 'GET', hostHeaders = 1): string | undefined =>
  checkGatewayRequest(PORT, { method, headers: { host: `127.0.0.1:${PORT}`, ...headers }, hostHeaders });

describe('checkGatewayRequest (docs/service-gateway.md, What it refuses)', () => {
  it('accepts its own host names, and same-origin or direct requests', () => {
    expect(check({})).toBeUndefined();
    expect(check({ host: `LOCALHOST:${PORT}` })).toBeUndefined();
    expect(
      check({ origin: `http://127.0.0.1:${PORT}`, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' }, 'POST'),
    ).toBeUndefined();
    expect(check({ 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' })).toBeUndefined();
  });

  it('refuses any other Host (DNS rebinding), a missing one, or two', () => {
    for (const host of ['evil.test', `evil.test:${PORT}`, '127.0.0.1', `127.0.0.1:${PORT + 1}`, `[::1]:${PORT}`, ''])
      expect([host, check({ host })]).toEqual([host, 'host']);
    expect(check({}, 'GET', 2)).toBe('host');
  });

  it('refuses a foreign or null Origin, even on a navigation', () => {
    expect(check({ origin: 'http://evil.test' }, 'POST')).toBe('origin');
    expect(check({ origin: 'null' })).toBe('origin');
    expect(check({ origin: `https://127.0.0.1:${PORT}` })).toBe('origin');
    expect(check({ origin: `http://127.0.0.1:${PORT}.evil.test` })).toBe('origin');
  });

  it('lets other sites navigate to it at top level, nothing else', () => {
    const nav = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
    expect(check({ 'sec-fetch-site': 'cross-site', ...nav })).toBeUndefined();
    expect(check({ 'sec-fetch-site': 'same-site', ...nav }, 'HEAD')).toBeUndefined();
    expect(check({ 'sec-fetch-site': 'cross-site', ...nav }, 'POST')).toBe('sec-fetch');
    expect(check({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' })).toBe('sec-fetch');
    expect(check({ 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' })).toBe('sec-fetch');
    expect(check({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' })).toBe('sec-fetch');
  });
});
