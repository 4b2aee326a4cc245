import { describe, expect, it } from 'vitest';
import { apiPathOf, routeApiPrefix } from '../../../../electron/core/proxy/api-prefix-route.ts';
import { normalizeApiPrefix } from '../../../../electron/core/proxy/proxy-options.ts';
import { parseRequestTarget } from '../../../../electron/core/proxy/request-target.ts';

const route = (prefix: string, url: string): ReturnType<typeof routeApiPrefix> =>
  routeApiPrefix(normalizeApiPrefix(prefix), parseRequestTarget(url, 'localhost')!);

describe('routeApiPrefix (kubectl proxy mux and strip)', () => {
  it('forwards everything under the default prefix / unchanged', () => {
    expect(route('/', '/api/v1/pods?watch=1')).toEqual({ kind: 'forward', path: '/api/v1/pods', upstreamPath: '/api/v1/pods' });
    expect(route('/', '/')).toEqual({ kind: 'forward', path: '', upstreamPath: '' });
  });

  it('strips a prefix that does not start with /api, keeping a leading slash (conformance case 11)', () => {
    expect(route('/k8s-api', '/k8s-api/api/v1/pods')).toEqual({ kind: 'forward', path: '/api/v1/pods', upstreamPath: '/api/v1/pods' });
  });

  it('404s paths outside the prefix (conformance case 11)', () => {
    expect(route('/k8s-api', '/api/v1/pods')).toEqual({ kind: 'not-found' });
  });

  it('redirects the prefix without its slash, query kept (conformance case 11)', () => {
    expect(route('/k8s-api', '/k8s-api')).toEqual({ kind: 'redirect', location: '/k8s-api/' });
    expect(route('/k8s-api', '/k8s-api?x=1')).toEqual({ kind: 'redirect', location: '/k8s-api/?x=1' });
  });

  it('keeps /api/... unchanged under --api-prefix=/api/ and 404s /apis (conformance case 12)', () => {
    expect(route('/api/', '/api/v1/pods')).toEqual({ kind: 'forward', path: '/api/v1/pods', upstreamPath: '/api/v1/pods' });
    expect(route('/api/', '/apis/apps/v1')).toEqual({ kind: 'not-found' });
  });

  it('redirects unclean paths to the clean one before the filter sees them (Go ServeMux)', () => {
    expect(route('/', '/apis/../api/v1/namespaces/d/pods/p/exec?command=ls')).toEqual({
      kind: 'redirect',
      location: '/api/v1/namespaces/d/pods/p/exec?command=ls',
    });
    expect(route('/', '//api/v1')).toEqual({ kind: 'redirect', location: '/api/v1' });
  });

  it('keeps the raw encoding upstream while the filter sees the decoded path', () => {
    expect(route('/', '/api/v1/namespaces/d/pods/a%2Fb')).toEqual({
      kind: 'forward',
      path: '/api/v1/namespaces/d/pods/a/b',
      upstreamPath: '/api/v1/namespaces/d/pods/a%2Fb',
    });
  });

  it('cleans the decoded path: encoded dot segments redirect to where they lead, never forward (H9)', () => {
    expect(route('/', '/apis/%2e%2e/api/v1/namespaces/shop/pods/P/exec')).toEqual({
      kind: 'redirect',
      location: '/api/v1/namespaces/shop/pods/P/exec',
    });
    expect(route('/', '/api/v1/namespaces/x/services/y/proxy/..%2F..%2F..%2Fpods?w=1')).toEqual({
      kind: 'redirect',
      location: '/api/v1/namespaces/x/pods?w=1',
    });
    expect(route('/', '/api/v1/namespaces/d/pods/a%20b/.')).toEqual({ kind: 'redirect', location: '/api/v1/namespaces/d/pods/a%20b' });
  });
});

describe('apiPathOf', () => {
  it('gives the cleaned, decoded path the apiserver will see, prefix stripped', () => {
    const t = (url: string) => parseRequestTarget(url, 'localhost')!;
    expect(apiPathOf('/', t('/apis/%2e%2e/api/v1/pods'))).toBe('/api/v1/pods');
    expect(apiPathOf('/k8s/', t('/k8s/api/v1/x/../pods'))).toBe('/api/v1/pods');
    expect(apiPathOf('/api/', t('/api/v1/pods'))).toBe('/api/v1/pods');
    expect(apiPathOf('/k8s/', t('/other'))).toBeUndefined();
  });
});
