import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hideSecrets } from '../../../../electron/core/credentials/hide-secrets.ts';
import { joinUserSecrets, splitUserSecrets, UserSecrets } from '../../../../electron/core/credentials/user-secrets.ts';

describe('user secrets: split from the kubeconfig entry, never shown (docs/architecture.md, Logging without secrets)', () => {
  it('splits token, password, key/cert data and OIDC tokens; joins them back', () => {
    const user = {
      username: 'jane',
      password: 'pw-1',
      'client-certificate-data': 'Y2VydA==',
      'client-key-data': 'a2V5',
      'auth-provider': {
        name: 'oidc',
        config: { 'client-id': 'k', 'client-secret': 'cs', 'id-token': 'it', 'refresh-token': 'rt', 'idp-issuer-url': 'https://i' },
      },
    };
    const { user: rest, secrets } = splitUserSecrets(user);
    expect(rest).toEqual({
      username: 'jane',
      'auth-provider': { name: 'oidc', config: { 'client-id': 'k', 'idp-issuer-url': 'https://i' } },
    });
    expect(secrets.fields).toEqual([
      'password',
      'client-certificate-data',
      'client-key-data',
      'auth-provider.client-secret',
      'auth-provider.id-token',
      'auth-provider.refresh-token',
    ]);
    expect(joinUserSecrets(rest, UserSecrets.parse(secrets.serialize(), 'test'))).toEqual(user);
  });

  it('hides values from JSON, inspect, String(); a bad keychain entry is a clear error', () => {
    const s = new UserSecrets([['token', 'planted-token-value']]);
    for (const shown of [JSON.stringify(s), inspect(s), String(s), inspect({ nested: { s } })])
      expect(shown).not.toContain('planted-token-value');
    expect(() => UserSecrets.parse('not json', 'keychain entry "x"')).toThrow(
      `keychain entry "x": the keychain entry is not KubeDesk's format`,
    );
  });

  it('hideSecrets makes any credential object safe to log', () => {
    const cred = hideSecrets({ token: 'planted-exec-token', expiresAt: 5 }, 'ExecCredential');
    expect(cred.token).toBe('planted-exec-token');
    expect(JSON.stringify(cred)).toBe('{"kind":"ExecCredential","fields":["token","expiresAt"],"values":"[redacted]"}');
    expect(inspect(cred)).toBe('ExecCredential { token, expiresAt: [redacted] }');
    expect(`${String(cred)}`).not.toContain('planted');
  });
});
