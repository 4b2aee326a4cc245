import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../../electron/core/credentials/keytar-secret-store.ts';
import { NO_KEYCHAIN_ENV, requireKeyring, secretToolAccounts, secretToolLookup } from '../../../support/keyring.ts';

beforeAll(requireKeyring);

describe('KeytarSecretStore against a real gnome-keyring', () => {
  it('keytar loads under this Node and round-trips entries that secret-tool sees', async () => {
    const service = `KubeDesk-test-${randomBytes(4).toString('hex')}`;
    const store = new KeytarSecretStore({ service });
    await store.set('dev#a1', '{"v":1,"token":"planted-keyring-token"}');
    await store.set('prod#b2', '{"v":1,"password":"pw"}');
    expect(secretToolAccounts(service)).toEqual(['dev#a1', 'prod#b2']);
    expect(secretToolLookup(service, 'dev#a1')).toBe('{"v":1,"token":"planted-keyring-token"}');
    expect(await store.get('dev#a1')).toBe('{"v":1,"token":"planted-keyring-token"}');
    expect((await store.findAll()).map((e) => e.account).sort()).toEqual(['dev#a1', 'prod#b2']);
    expect(await store.delete('dev#a1')).toBe(true);
    expect(await store.delete('dev#a1')).toBe(false);
    expect(await store.get('dev#a1')).toBeNull();
    await store.delete('prod#b2');
    expect(secretToolAccounts(service)).toEqual([]);
  });

  it('without a D-Bus session the error is keychain-unavailable and says how to enable one', () => {
    const script = `
      import { KeytarSecretStore } from ${JSON.stringify(new URL('../../../../electron/core/credentials/keytar-secret-store.ts', import.meta.url).pathname)};
      try { await new KeytarSecretStore({ service: 'KubeDesk-test-nobus' }).set('a', 'b'); console.log('stored?!'); }
      catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, ...NO_KEYCHAIN_ENV },
      timeout: 20_000,
    });
    const out = JSON.parse(r.stdout) as { code: string; message: string };
    expect(out.code).toBe('keychain-unavailable');
    expect(out.message).toMatch(/^no OS keychain available \(the Secret Service \(libsecret\): Could not connect/);
    expect(out.message).toContain('dbus-run-session');
  });
});
