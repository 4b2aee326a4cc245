import { describe, expect, it } from 'vitest';
import { cleanPath } from '../../../../electron/core/proxy/go-clean-path.ts';

describe('cleanPath (Go ServeMux, SPEC §1.2 step 1)', () => {
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
