import { describe, expect, it } from 'vitest';
import { parseApiPath } from '../../../../electron/core/demo/api-path.ts';
import { splitSchemeNamePort } from '../../../../electron/core/demo/proxy-location.ts';

describe('apiserver paths', () => {
  it('tells discovery documents apart', () => {
    expect(parseApiPath('/api', '').kind).toBe('api');
    expect(parseApiPath('/apis/apps', '')).toEqual({ kind: 'group', group: 'apps' });
    expect(parseApiPath('/apis/apps/v1', '')).toEqual({ kind: 'groupVersion', group: 'apps', version: 'v1' });
    expect(parseApiPath('/api/v2', '').kind).toBe('notFound');
  });

  it('addresses collections, objects and subresources, namespaced or not', () => {
    const p = parseApiPath('/api/v1/namespaces/shop/pods/web-1/log', '');
    expect(p).toMatchObject({ kind: 'resource', rr: { key: 'pods', namespace: 'shop', name: 'web-1', sub: 'log' } });
    expect(parseApiPath('/api/v1/pods', '')).toMatchObject({ rr: { key: 'pods' } });
    expect(parseApiPath('/api/v1/namespaces/shop', '')).toMatchObject({ rr: { key: 'namespaces', name: 'shop' } });
    expect(parseApiPath('/api/v1/namespaces/shop/status', '')).toMatchObject({ rr: { key: 'namespaces', name: 'shop', sub: 'status' } });
    expect(parseApiPath('/apis/apps/v1/namespaces/shop/deployments/web/scale', '')).toMatchObject({
      rr: { key: 'apps/deployments', sub: 'scale' },
    });
    expect(parseApiPath('/api/v1/pods/x', '').kind).toBe('notFound');
    expect(parseApiPath('/api/v1/widgets', '').kind).toBe('notFound');
  });

  it('splits a proxy path into prefix and rest, keeping the raw encoding', () => {
    const p = parseApiPath('/api/v1/namespaces/shop/services/https:web:/proxy/a%20b/', 'q=1');
    expect(p).toMatchObject({
      kind: 'resource',
      proxy: {
        kind: 'services',
        namespace: 'shop',
        id: 'https:web:',
        prefix: '/api/v1/namespaces/shop/services/https:web:/proxy',
        rest: '/a%20b/',
        query: 'q=1',
      },
    });
    expect(parseApiPath('/api/v1/namespaces/shop/services/web/proxy', '')).toMatchObject({ proxy: { rest: '' } });
    expect(parseApiPath('/api/v1/nodes/n1/proxy/healthz', '')).toMatchObject({ proxy: { kind: 'nodes', id: 'n1', rest: '/healthz' } });
  });

  it('splits scheme:name:port ids as apimachinery does (docs/service-proxy.md, URL forms)', () => {
    expect(splitSchemeNamePort('web')).toEqual({ scheme: '', name: 'web', port: '' });
    expect(splitSchemeNamePort('web:http')).toEqual({ scheme: '', name: 'web', port: 'http' });
    expect(splitSchemeNamePort('https:web:')).toEqual({ scheme: 'https', name: 'web', port: '' });
    expect(splitSchemeNamePort('https:web')).toEqual({ scheme: '', name: 'https', port: 'web' });
    expect(splitSchemeNamePort('ftp:web:80')).toBeUndefined();
    expect(splitSchemeNamePort('a:b:c:d')).toBeUndefined();
  });
});
