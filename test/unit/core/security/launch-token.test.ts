import { describe, expect, it } from 'vitest';
import { newLaunchToken, tokenFromProtocols, tokensEqual } from '../../../../electron/core/security/launch-token.ts';

describe('launch-token (docs/security.md, H6)', () => {
  it('is 32 random bytes in base64url: 43 characters, different every launch', () => {
    const a = newLaunchToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newLaunchToken()).not.toBe(a);
  });

  it('compares exactly', () => {
    const t = newLaunchToken();
    expect(tokensEqual(t, t)).toBe(true);
    expect(tokensEqual(t, t.slice(0, -1))).toBe(false);
    expect(tokensEqual(t, undefined)).toBe(false);
    expect(tokensEqual(t, '')).toBe(false);
  });

  it('finds the token among offered subprotocols', () => {
    expect(tokenFromProtocols('kubedesk.bridge.v1, kubedesk.token.abc')).toBe('abc');
    expect(tokenFromProtocols('v4.channel.k8s.io')).toBeUndefined();
    expect(tokenFromProtocols(undefined)).toBeUndefined();
  });
});
