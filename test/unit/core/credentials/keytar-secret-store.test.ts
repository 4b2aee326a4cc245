import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../support/kubedesk-fixtures.ts';
import { KeytarSecretStore, type KeytarApi } from '../../../../electron/core/credentials/keytar-secret-store.ts';

function fakeKeytar(fail?: string): KeytarApi & { data: Map<string, string> } {
  const data = new Map<string, string>();
  const check = (): void => {
    if (fail) throw new Error(fail);
  };
  return {
    data,
    getPassword: async (s, a) => (check(), data.get(`${s}/${a}`) ?? null),
    setPassword: async (s, a, p) => void (check(), data.set(`${s}/${a}`, p)),
    deletePassword: async (s, a) => (check(), data.delete(`${s}/${a}`)),
    findCredentials: async (s) => (
      check(),
      [...data].filter(([k]) => k.startsWith(`${s}/`)).map(([k, password]) => ({ account: k.slice(s.length + 1), password }))
    ),
  };
}

describe('KeytarSecretStore: the OS keychain behind SecretStore', () => {
  it('keeps entries under service KubeDesk', async () => {
    const k = fakeKeytar();
    const store = new KeytarSecretStore({ load: async () => k });
    await store.set('dev#1', 's3cret');
    expect(k.data.get('KubeDesk/dev#1')).toBe('s3cret');
    expect(await store.get('dev#1')).toBe('s3cret');
    expect(await store.findAll()).toEqual([{ account: 'dev#1', secret: 's3cret' }]);
    expect(await store.delete('dev#1')).toBe(true);
  });

  it('a native module that does not load is keychain-unavailable, with how to enable one, and is retried', async () => {
    let attempts = 0;
    const store = new KeytarSecretStore({
      platform: 'linux',
      load: async () => {
        attempts += 1;
        throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
      },
    });
    const err = await rejectionOf(store.set('a', 'b'));
    expect(err.code).toBe('keychain-unavailable');
    expect(err.message).toMatch(/^no OS keychain available \(the Secret Service \(libsecret\): cannot load keytar: libsecret-1\.so\.0/);
    expect(err.message).toContain('dbus-run-session');
    expect(err.message).toContain('KubeDesk never stores secrets in plain text.');
    await store.get('a').catch(() => undefined);
    expect(attempts).toBe(2);
  });

  it.each([
    ['linux', 'Cannot autolaunch D-Bus without X11 $DISPLAY', 'gnome-keyring'],
    ['linux', 'Cannot create an item in a locked collection', 'unlock it'],
    ['darwin', 'User interaction is not allowed.', 'Keychain Access'],
    ['win32', 'The specified logon session does not exist.', 'Credential Manager'],
  ] as const)('%s: "%s" says how to get a working keychain', async (platform, detail, hint) => {
    const store = new KeytarSecretStore({ platform, load: async () => fakeKeytar(detail) });
    const err = await rejectionOf(store.findAll());
    expect(err.code).toBe('keychain-unavailable');
    expect(err.message).toContain(detail);
    expect(err.message).toContain(hint);
  });
});
