import { describe, expect, it } from 'vitest';
import { browserScope } from '../../../../electron/core/proxy/browser-scope.ts';

const get = (
  headers: Record<string, string>,
  isUpgrade = false,
): { method: string; headers: Record<string, string>; isUpgrade: boolean } => ({
  method: 'GET',
  headers,
  isUpgrade,
});
const nav = { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-user': '?1' };
const script = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' };

describe('browserScope (H8)', () => {
  it('leaves requests without Fetch Metadata or Origin alone, Node fetch’s lone Sec-Fetch-Mode included', () => {
    expect(browserScope(get({}), '/api/v1/secrets')).toBe('any');
    expect(browserScope(get({ 'sec-fetch-mode': 'cors' }), '/api/v1/secrets')).toBe('any');
    expect(browserScope({ method: 'POST', headers: {}, isUpgrade: false }, '/api/v1/namespaces/d/configmaps')).toBe('any');
  });

  it('sandboxes a top-level GET navigation to an API path', () => {
    expect(browserScope(get(nav), '/api/v1/namespaces/d/pods')).toBe('navigation');
    expect(browserScope(get({ 'sec-fetch-mode': 'navigate', origin: 'http://localhost:8001' }), '/api/')).toBe('navigation');
  });

  it('refuses scripts, frames, form posts and WebSockets aiming at API paths', () => {
    expect(browserScope(get(script), '/api/v1/namespaces/d/pods')).toBe('refused');
    expect(browserScope(get({ ...nav, 'sec-fetch-dest': 'iframe' }), '/api/v1/namespaces/d/pods')).toBe('refused');
    expect(browserScope({ method: 'POST', headers: nav, isUpgrade: false }, '/api/v1/namespaces/d/configmaps')).toBe('refused');
    expect(browserScope(get({ origin: 'http://localhost:8001' }, true), '/api/v1/namespaces/d/pods/p/portforward')).toBe('refused');
    expect(browserScope(get({ 'sec-fetch-dest': 'image' }), '/favicon.ico')).toBe('refused');
  });

  it('lets anything from the page reach the service, pod and node proxy subresources', () => {
    for (const path of [
      '/api/v1/namespaces/d/services/web/proxy',
      '/api/v1/namespaces/d/services/https:web:443/proxy/x',
      '/api/v1/namespaces/d/pods/p/proxy/',
      '/api/v1/nodes/n/proxy/metrics',
    ]) {
      expect(browserScope(get(script), path)).toBe('any');
      expect(browserScope(get({ origin: 'http://localhost:8001' }, true), path)).toBe('any');
    }
    for (const path of [
      '/api/v1/namespaces/d/services/web/proxyx',
      '/api/v1/namespaces/d/services/web',
      '/apis/x/v1/namespaces/d/services/w/proxy/',
    ]) {
      expect(browserScope(get(script), path)).toBe('refused');
    }
  });
});
