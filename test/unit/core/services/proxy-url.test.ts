import { describe, expect, it } from 'vitest';
import { KubeDeskError } from '../../../../electron/core/errors.ts';
import {
  localProxyUrl,
  parseServiceRef,
  serviceId,
  serviceProxyPath,
  serviceProxyUrl,
  type ServiceProxyTarget,
} from '../../../../electron/core/services/proxy-url.ts';

const SERVER = 'https://h:6443';

function target(arg: string, path?: string, namespace = 'default'): ServiceProxyTarget {
  return { namespace, service: parseServiceRef(arg), path };
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(KubeDeskError);
    return (err as Error).message;
  }
  throw new Error('no error thrown');
}

describe('service proxy URLs: every id form (docs/service-proxy.md, Forms)', () => {
  it('builds kube-dns:dns in kube-system with the slash after proxy (conformance case 40)', () => {
    expect(serviceProxyUrl(SERVER, target('kube-dns:dns', undefined, 'kube-system'))).toBe(
      'https://h:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy/',
    );
  });

  it('normalises https:NAME to https:NAME: (conformance case 40)', () => {
    expect(serviceProxyUrl(SERVER, target('https:dash'))).toBe('https://h:6443/api/v1/namespaces/default/services/https:dash:/proxy/');
  });

  it.each([
    ['web', 'web'],
    ['web:80', 'web:80'],
    ['web:http', 'web:http'],
    ['https:web:443', 'https:web:443'],
    ['https:web:', 'https:web:'],
    ['https:web', 'https:web:'],
    ['http:web', 'http:web:'],
    ['http:web:8080', 'http:web:8080'],
    [':web:80', 'web:80'],
  ])('%s has the id %s', (arg, id) => {
    expect(serviceId(parseServiceRef(arg))).toBe(id);
    expect(serviceProxyPath(target(arg))).toBe(`/api/v1/namespaces/default/services/${id}/proxy/`);
  });

  it('refuses ids the apiserver would not split, naming the argument', () => {
    expect(errorOf(() => parseServiceRef('a:b:c:d'))).toMatch(/^invalid service "a:b:c:d"/);
    expect(errorOf(() => parseServiceRef('ftp:web:80'))).toBe('invalid service "ftp:web:80": scheme "ftp" is not http or https');
    expect(errorOf(() => parseServiceRef(''))).toBe('invalid service "": empty name');
    expect(errorOf(() => parseServiceRef(':80'))).toBe('invalid service ":80": empty name');
    expect(errorOf(() => parseServiceRef('https::443'))).toBe('invalid service "https::443": empty name');
    expect(errorOf(() => parseServiceRef('web:'))).toMatch(/^invalid service "web:": empty port/);
    expect(errorOf(() => parseServiceRef('Web/x'))).toMatch(/not a valid service name/);
    expect(errorOf(() => parseServiceRef('web:70000'))).toMatch(/port 70000 is not between 1 and 65535/);
    expect(errorOf(() => parseServiceRef('web:a b'))).toMatch(/neither a number nor a port name/);
  });

  it('refuses a namespace that is not a DNS label', () => {
    expect(errorOf(() => serviceProxyPath(target('web', '', 'a/b')))).toBe('invalid namespace "a/b"');
  });
});

describe('service proxy URLs: path and query', () => {
  it('keeps the Elasticsearch query as given (docs/service-proxy.md)', () => {
    expect(serviceProxyUrl('http://h:9200', target('elasticsearch-logging', '_search?q=user:kimchy', 'kube-system'))).toBe(
      'http://h:9200/api/v1/namespaces/kube-system/services/elasticsearch-logging/proxy/_search?q=user:kimchy',
    );
  });

  it('percent-encodes path segments but keeps "/" and a leading slash adds none', () => {
    expect(serviceProxyPath(target('web', '/a b/ü/[x]#'))).toBe('/api/v1/namespaces/default/services/web/proxy/a%20b/%C3%BC/%5Bx%5D%23');
    expect(serviceProxyPath(target('web', 'static/style.css'))).toBe('/api/v1/namespaces/default/services/web/proxy/static/style.css');
    expect(serviceProxyPath(target('web', 'dir/'))).toBe('/api/v1/namespaces/default/services/web/proxy/dir/');
  });

  it('keeps valid %XX escapes and encodes a lone %', () => {
    expect(serviceProxyPath(target('web', 'a%2Fb/100%'))).toBe('/api/v1/namespaces/default/services/web/proxy/a%2Fb/100%25');
  });

  it('encodes only what a query cannot hold: spaces, non-ASCII, #', () => {
    expect(serviceProxyPath(target('web', 'q?a=1&b=x y&c=é&d=/?:@#'))).toBe(
      '/api/v1/namespaces/default/services/web/proxy/q?a=1&b=x%20y&c=%C3%A9&d=/?:@%23',
    );
  });

  it('refuses . and .. segments, which would climb out of the proxy path', () => {
    for (const p of ['../secrets', 'a/./b', 'a/%2e%2E/b', '..']) {
      expect(errorOf(() => serviceProxyPath(target('web', p)))).toMatch(/^invalid path ".*": "\." and "\.\." segments are not allowed$/);
    }
    expect(serviceProxyPath(target('web', '...'))).toBe('/api/v1/namespaces/default/services/web/proxy/...');
  });
});

describe('service proxy URLs: the server and the local proxy', () => {
  it('keeps the server path (Rancher-style /k8s/clusters/ID) and drops its trailing slash', () => {
    expect(serviceProxyUrl('https://h:6443/k8s/clusters/c1/', target('web:http', 'x'))).toBe(
      'https://h:6443/k8s/clusters/c1/api/v1/namespaces/default/services/web:http/proxy/x',
    );
  });

  it('refuses a server that is not an http(s) URL', () => {
    expect(errorOf(() => serviceProxyUrl('h:6443x', target('web')))).toMatch(/^invalid server "h:6443x"/);
    expect(errorOf(() => serviceProxyUrl('not a url', target('web')))).toBe('invalid server "not a url"');
  });

  it('builds the same target through a local proxy, with or without a scheme', () => {
    const t = target('kube-dns:dns', undefined, 'kube-system');
    const want = 'http://127.0.0.1:8001/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy/';
    expect(localProxyUrl('http://127.0.0.1:8001', t)).toBe(want);
    expect(localProxyUrl('127.0.0.1:8001', t)).toBe(want);
    expect(localProxyUrl('[::1]:8001/', t)).toBe('http://[::1]:8001/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy/');
  });
});
