import { describe, expect, it } from 'vitest';
import { routeApiPrefix } from '../../../../electron/core/proxy/api-prefix-route.ts';
import { normalizeApiPrefix } from '../../../../electron/core/proxy/proxy-options.ts';
import { parseRequestTarget } from '../../../../electron/core/proxy/request-target.ts';

const route = (prefix: string, url: string): ReturnType<typeof routeApiPrefix> =>
  routeApiPrefix(normalizeApiPrefix(prefix), parseRequestTarget(url, 'localhost')!);

describe('routeApiPrefix (SPEC §1.2 steps 1-2)', () => {
  it('forwards everything under the default prefix / unchanged', () => {
    expect(route('/', '/api/v1/pods?watch=1')).toEqual({ kind: 'forward', path: '/api/v1/pods', upstreamPath: '/api/v1/pods' });
    expect(route('/', '/')).toEqual({ kind: 'forward', path: '', upstreamPath: '' });
  });

  it('strips a prefix that does not start with /api, keeping a leading slash (SPEC §5 case 11)', () => {
    expect(route('/k8s-api', '/k8s-api/api/v1/pods')).toEqual({ kind: 'forward', path: '/api/v1/pods', upstreamPath: '/api/v1/pods' });
  });

  it('404s paths outside the prefix (SPEC §5 case 11)', () => {
    expect(route('/k8s-api', '/api/v1/pods')).toEqual({ kind: 'not-found' });
  });

  it('redirects the prefix without its slash, query kept (SPEC §5 case 11)', () => {
    expect(route('/k8s-api', '/k8s-api')).toEqual({ kind: 'redirect', location: '/k8s-api/' });
    expect(route('/k8s-api', '/k8s-api?x=1')).toEqual({ kind: 'redirect', location: '/k8s-api/?x=1' });
  });

  it('keeps /api/... unchanged under --api-prefix=/api/ and 404s /apis (SPEC §5 case 12)', () => {
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
});
