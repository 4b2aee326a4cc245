import { describe, expect, it } from 'vitest';
import { rewriteHtml, rewriteUrl } from '../../../../electron/core/demo/html-rewrite.ts';

const P = '/api/v1/namespaces/shop/services/web:http/proxy';

describe('proxy link rewriting (transport.go)', () => {
  it.each([
    ['/login', `${P}/login`],
    ['/static/', `${P}/static/`],
    ['/a?b=c#d', `${P}/a?b=c#d`],
    ['relative/x', 'relative/x'],
    ['http://10.244.2.3:8080/x', `${P}/x`],
    ['http://other.example/x', 'http://other.example/x'],
    ['//cdn.example/x.js', '//cdn.example/x.js'],
    [`${P}/already`, `${P}/already`],
    ['mailto:a@b', 'mailto:a@b'],
  ])('%s → %s', (from, to) => {
    expect(rewriteUrl(from, P, '10.244.2.3:8080', '127.0.0.1:6443')).toBe(to);
  });

  it('rewrites URL attributes in HTML and leaves text alone', () => {
    const html = '<a href="/x">/x</a><img src=\'/i.png\'><form action="/f"></form><a href="y">';
    expect(rewriteHtml(html, P, 'h:1', undefined)).toBe(
      `<a href="${P}/x">/x</a><img src='${P}/i.png'><form action="${P}/f"></form><a href="y">`,
    );
  });
});
