import { describe, expect, it } from 'vitest';
import {
  checkToken,
  cookieWithoutToken,
  protocolsWithoutToken,
  splitQueryToken,
  tokenCookieHeader,
  tokensFromCookie,
} from '../../../../electron/core/proxy/token-carriers.ts';
import { newLaunchToken } from '../../../../electron/core/security/launch-token.ts';

const t = newLaunchToken();
const input = (over: Partial<Parameters<typeof checkToken>[1]> = {}): Parameters<typeof checkToken>[1] => ({
  method: 'GET',
  isUpgrade: false,
  header: undefined,
  protocols: undefined,
  cookie: undefined,
  cookieName: 'kubedesk_token_8001',
  rawPath: '/api/',
  rawQuery: '',
  ...over,
});

describe('token carriers (docs/security.md, H6)', () => {
  it('accepts the token in the X-KubeDesk-Token header, a subprotocol entry or the cookie', () => {
    expect(checkToken(t, input({ header: t }))).toEqual({ ok: true });
    expect(checkToken(t, input({ protocols: `kubedesk.token.${t}, v4.channel.k8s.io` }))).toEqual({ ok: true });
    expect(checkToken(t, input({ cookie: `a=1; kubedesk_token_8001=${t}` }))).toEqual({ ok: true });
  });

  it("takes only its own port's cookie: another proxy's (or the old unnumbered name) is no token here", () => {
    expect(checkToken(t, input({ cookie: `kubedesk_token_8002=${t}` }))).toEqual({ ok: false, status: 401 });
    expect(checkToken(t, input({ cookie: `kubedesk_token=${t}` }))).toEqual({ ok: false, status: 401 });
    expect(checkToken(t, input({ cookie: `kubedesk_token_8002=x; kubedesk_token_8001=${t}` }))).toEqual({ ok: true });
  });

  it('answers 401 without a token or with a wrong one', () => {
    expect(checkToken(t, input())).toEqual({ ok: false, status: 401 });
    expect(checkToken(t, input({ header: t.slice(1) }))).toEqual({ ok: false, status: 401 });
    expect(checkToken(t, input({ cookie: 'kubedesk_token_8001=nope' }))).toEqual({ ok: false, status: 401 });
  });

  it('swaps a GET query token for a redirect without it', () => {
    expect(checkToken(t, input({ rawQuery: `kubedesk_token=${t}` }))).toEqual({ ok: false, status: 302, location: '/api/' });
    expect(checkToken(t, input({ rawPath: '/api/v1/pods', rawQuery: `watch=1&kubedesk_token=${t}&limit=5` }))).toEqual({
      ok: false,
      status: 302,
      location: '/api/v1/pods?watch=1&limit=5',
    });
  });

  it('takes the query token only on plain GET/HEAD, not POST or upgrades', () => {
    expect(checkToken(t, input({ method: 'POST', rawQuery: `kubedesk_token=${t}` }))).toEqual({ ok: false, status: 401 });
    expect(checkToken(t, input({ isUpgrade: true, rawQuery: `kubedesk_token=${t}` }))).toEqual({ ok: false, status: 401 });
    expect(checkToken(t, input({ rawQuery: 'kubedesk_token=wrong' }))).toEqual({ ok: false, status: 401 });
  });

  it('names the cookie for the port and sets it HttpOnly, SameSite=Strict, Path=/', () => {
    expect(tokenCookieHeader('abc', 8001)).toBe('kubedesk_token_8001=abc; HttpOnly; SameSite=Strict; Path=/');
  });

  it("strips every carrier, any proxy's cookie included, and keeps the rest", () => {
    expect(cookieWithoutToken(`a=1; kubedesk_token_8001=${t}; b=2; kubedesk_token_9000=x; kubedesk_token=y`)).toBe('a=1; b=2');
    expect(cookieWithoutToken('kubedesk_token_x=1; kubedesk_tokens=2')).toBe('kubedesk_token_x=1; kubedesk_tokens=2');
    expect(cookieWithoutToken(`kubedesk_token_8001=${t}`)).toBeUndefined();
    expect(protocolsWithoutToken(`kubedesk.token.${t}, v4.channel.k8s.io`)).toBe('v4.channel.k8s.io');
    expect(protocolsWithoutToken(`kubedesk.token.${t}`)).toBeUndefined();
    expect(splitQueryToken(`a=1&kubedesk_token=${t}&b=%20`)).toEqual({ query: 'a=1&b=%20', tokens: [t] });
    expect(splitQueryToken('a=1&b=2')).toEqual({ query: 'a=1&b=2', tokens: [] });
    expect(tokensFromCookie('kubedesk_token_1="x"', 'kubedesk_token_1')).toEqual(['x']);
  });
});
