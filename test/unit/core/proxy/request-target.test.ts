import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from '../../../../electron/core/proxy/request-target.ts';

describe('parseRequestTarget', () => {
  it('splits path and raw query and decodes the path for the filter', () => {
    expect(parseRequestTarget('/api/v1/namespaces/d/pods/p/%65xec?command=ls&x=%20', 'localhost:8001')).toEqual({
      host: 'localhost:8001',
      rawPath: '/api/v1/namespaces/d/pods/p/%65xec',
      rawQuery: 'command=ls&x=%20',
      path: '/api/v1/namespaces/d/pods/p/exec',
    });
  });

  it('takes the host of an absolute-form target over the Host header (RFC 9112 §3.2.2, as Go does)', () => {
    const t = parseRequestTarget('http://evil.example:8001/api/v1/pods?watch=1', '127.0.0.1:8001');
    expect(t?.host).toBe('evil.example:8001');
    expect(t?.rawPath).toBe('/api/v1/pods');
    expect(t?.rawQuery).toBe('watch=1');
    expect(parseRequestTarget('http://localhost:8001', undefined)?.rawPath).toBe('/');
  });

  it('refuses what Go answers 400 to: bad escapes and non-path targets', () => {
    expect(parseRequestTarget('/api/%zz', 'localhost')).toBeUndefined();
    expect(parseRequestTarget('*', 'localhost')).toBeUndefined();
    expect(parseRequestTarget('api', 'localhost')).toBeUndefined();
  });
});
