import { describe, expect, it } from 'vitest';
import { mapHtmlLinks, mapLink } from '../../../../../electron/core/services/gateway/gateway-links.ts';

const P = '/api/v1/namespaces/shop/services/web:http/proxy';
const map = { prefix: P, server: new URL('https://10.0.0.1:6443/k8s/clusters/c1') };

describe('mapLink (docs/service-gateway.md, Links)', () => {
  it.each([
    [`${P}/x?y=1#z`, '/x?y=1#z'],
    [P, '/'],
    [`${P}?q`, '/?q'],
    [`/k8s/clusters/c1${P}/a`, '/a'],
    [`https://10.0.0.1:6443/k8s/clusters/c1${P}/a`, '/a'],
    [`//10.0.0.1:6443/k8s/clusters/c1${P}/a`, '/a'],
  ])('%s → %s', (from, to) => expect(mapLink(map, from)).toBe(to));

  it.each([`${P}x/other`, '/api/v1/namespaces/shop/services/other/proxy/a', `https://example.com${P}/a`, 'relative', '/plain'])(
    'leaves %s alone',
    (v) => expect(mapLink(map, v)).toBe(v),
  );
});

describe('mapHtmlLinks', () => {
  it('maps URL attributes (quoted either way or not), not text', () => {
    const html = `<a class="x" href="${P}/a">t</a><img SRC='${P}/i.png'><form action=${P}/f></form><p>${P}/p</p>`;
    expect(mapHtmlLinks(map, html)).toBe(`<a class="x" href="/a">t</a><img SRC='/i.png'><form action=/f></form><p>${P}/p</p>`);
  });
});
