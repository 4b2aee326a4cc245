import { describe, expect, it } from 'vitest';
import { cleanPath, escapePath } from '../../../../electron/core/proxy/go-clean-path.ts';

describe('cleanPath (Go ServeMux)', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['/api/v1/pods', '/api/v1/pods'],
    ['/api/v1/pods/', '/api/v1/pods/'],
    ['//api//v1', '/api/v1'],
    ['/api/./v1', '/api/v1'],
    ['/apis/../api/v1/namespaces/d/pods/p/exec', '/api/v1/namespaces/d/pods/p/exec'],
    ['/../..', '/'],
    ['/a/b/..', '/a'],
    ['/a/b/../', '/a/'],
    ['api', '/api'],
    ['/%2e%2e/api', '/%2e%2e/api'],
  ])('cleans %j to %j', (input, out) => {
    expect(cleanPath(input)).toBe(out);
  });
});

describe('escapePath (Go url.URL.EscapedPath)', () => {
  it.each([
    ['/api/v1/pods', '/api/v1/pods'],
    ['/a b/%/?#', '/a%20b/%25/%3F%23'],
    ["/x:y@z;a=b,c+d$e&f!'()*~", '/x:y@z;a=b,c+d$e&f%21%27%28%29%2A~'],
    ['/é', '/%C3%A9'],
  ])('escapes %j as %j', (input, out) => {
    expect(escapePath(input)).toBe(out);
  });
});
