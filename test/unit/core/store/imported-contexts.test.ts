import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createCore } from '../../../../electron/core/core.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { PENDING_FILE, PendingSecrets } from '../../../../electron/core/store/pending-secrets.ts';
import { importCandidates } from '../../../../electron/core/kubeconfig/import-candidates.ts';
import { envSources, FIXTURES, setup } from '../../../support/kubedesk-fixtures.ts';
import { MemorySecretStore } from '../../../fakes/memory-secret-store.ts';

const GOOD = join(FIXTURES, 'good.yaml');
const TOKEN = 'good-fixture-token-0123456789';
const candidates = (names?: string[]) => importCandidates({ label: GOOD, dir: FIXTURES, text: readFileSync(GOOD, 'utf8') }, names);

function storeFiles(home: string): string {
  return readdirSync(home)
    .map((f) => readFileSync(join(home, f), 'utf8'))
    .join('\n');
}

describe('imported contexts: secrets to the keychain, references in the store', () => {
  it('one keychain entry per user under service KubeDesk; the store holds only the reference', async () => {
    const secrets = new MemorySecretStore();
    const { imported, home } = setup({ secrets });
    const r = await imported.import(candidates(), GOOD);
    expect(r.value).toEqual(['good-token', 'good-cert']);
    expect(secrets.entries.size).toBe(2);
    const { doc } = await imported.read();
    const tokenUser = doc.users.find((u) => u.name === 'good-token')!;
    expect(tokenUser.secret).toEqual({
      service: 'KubeDesk',
      account: expect.stringMatching(/^good-token#[0-9a-f]{12}$/),
      fields: ['token'],
    });
    expect(doc.users.find((u) => u.name === 'good-cert')!.secret!.fields).toEqual(['client-certificate-data', 'client-key-data']);
    expect(doc.clusters).toHaveLength(1);
    expect(JSON.parse(secrets.entries.get(tokenUser.secret!.account)!)).toEqual({ v: 1, token: TOKEN });
    const onDisk = storeFiles(home);
    expect(onDisk).not.toContain(TOKEN);
    expect(onDisk).not.toContain('PRIVATE KEY');
    expect(onDisk).not.toContain(Buffer.from('-----BEGIN PRIVATE KEY').toString('base64').slice(0, 16));
    expect((await imported.secretsOf(tokenUser)).get('token')).toBe(TOKEN);
  });

  it('a keychain failure half-way rolls back the entries already written; the store is unchanged', async () => {
    const secrets = new MemorySecretStore();
    const { imported, home } = setup({ secrets });
    await imported.import(candidates(['good-token']), GOOD);
    const before = storeFiles(home);
    const entries = new Map(secrets.entries);
    const second = importCandidates(
      {
        label: GOOD,
        dir: FIXTURES,
        text: readFileSync(GOOD, 'utf8').replaceAll('good-token', 'other-token').replaceAll('good-cert', 'other-cert'),
      },
      undefined,
    );
    // The first of the two users' entries is written, the second fails.
    secrets.failAfter('set', 1);
    await expect(imported.import(second, GOOD)).rejects.toMatchObject({ code: 'keychain-unavailable' });
    expect(secrets.entries).toEqual(entries);
    expect(storeFiles(home)).toBe(before);
  });

  it('no keychain at all: import fails with how to enable one, and nothing is written in plain text', async () => {
    const secrets = new MemorySecretStore();
    secrets.unavailable();
    const { imported, home } = setup({ secrets });
    const err = await imported.import(candidates(), GOOD).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'keychain-unavailable' });
    expect((err as Error).message).toContain('gnome-keyring');
    expect((err as Error).message).toContain('never stores secrets in plain text');
    expect(readdirSync(join(home, '..'))).toEqual(['KubeDesk']);
    expect(storeFiles(home)).not.toContain(TOKEN);
  });

  it('a taken name fails the whole import', async () => {
    const secrets = new MemorySecretStore();
    const { imported } = setup({ secrets });
    await imported.import(candidates(['good-cert']), GOOD);
    await expect(imported.import(candidates(), GOOD)).rejects.toThrow('context "good-cert" is already imported; remove or rename it first');
    expect(secrets.entries.size).toBe(1);
  });

  it('remove deletes the context, its entries and its keychain entry; a failed store write puts the entry back', async () => {
    const secrets = new MemorySecretStore();
    const { imported } = setup({ secrets });
    await imported.import(candidates(), GOOD);
    await imported.remove('good-token');
    expect(secrets.entries.size).toBe(1);
    const { doc } = await imported.read();
    expect(doc.contexts.map((c) => c.name)).toEqual(['good-cert']);
    expect(doc.users.map((u) => u.name)).toEqual(['good-cert']);
    expect(doc.clusters).toHaveLength(1);
    secrets.failAfter('delete', 0);
    await expect(imported.remove('good-cert')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    expect(secrets.entries.size).toBe(1);
    expect((await imported.read()).doc.contexts).toHaveLength(1);
  });

  it('rename keeps the keychain entry and follows the current context', async () => {
    const secrets = new MemorySecretStore();
    const { imported } = setup({ secrets });
    await imported.import(candidates(['good-token']), GOOD);
    await imported.setCurrent('good-token');
    await imported.rename('good-token', 'prod');
    const { doc } = await imported.read();
    expect(doc.contexts.map((c) => c.name)).toEqual(['prod']);
    expect(doc['current-context']).toBe('prod');
    expect(secrets.calls.filter((c) => c.op !== 'set')).toEqual([]);
  });

  it("a user's secrets never show in JSON, inspect or string form", async () => {
    const { imported } = setup();
    await imported.import(candidates(['good-token']), GOOD);
    const s = await imported.secretsOf((await imported.read()).doc.users[0]!);
    expect(JSON.stringify({ s })).not.toContain(TOKEN);
    expect(inspect(s)).toBe('UserSecrets { fields: [token], values: [redacted] }');
    expect(`${String(s)}`).not.toContain(TOKEN);
  });
});

describe('orphan keychain entries (a crash between the keychain write and the store write)', () => {
  /** What a crash between the keychain write and the store write leaves: the noted account and its entry. */
  async function plantOrphan(secrets: MemorySecretStore, home: string, account: string): Promise<void> {
    await new PendingSecrets(home).add(account);
    secrets.entries.set(account, '{"v":1,"token":"planted-orphan-token"}');
  }

  it('an import notes its keychain entries only until its store write: nothing stays pending', async () => {
    const secrets = new MemorySecretStore();
    const { imported, home } = setup({ secrets });
    await imported.import(candidates(), GOOD);
    expect(existsSync(join(home, PENDING_FILE))).toBe(false);
    secrets.failAfter('set', 1);
    await expect(
      imported.import(
        candidates().map((c) => ({ ...c, name: `${c.name}-2` })),
        GOOD,
      ),
    ).rejects.toThrow();
    expect(existsSync(join(home, PENDING_FILE))).toBe(false);
  });

  it('removes noted entries no imported user refers to; keeps referenced ones and entries it never noted; logs only the count', async () => {
    const secrets = new MemorySecretStore();
    const logged: string[] = [];
    const log = { ...silentLogger, info: (msg: string, fields?: object) => void logged.push(`${msg} ${JSON.stringify(fields ?? {})}`) };
    const { imported, home } = setup({ secrets, log });
    await imported.import(candidates(['good-token']), GOOD);
    const [referenced] = [...secrets.entries.keys()];
    await plantOrphan(secrets, home, 'crashed#0123456789ab');
    await new PendingSecrets(home).add(referenced!);
    // Another KUBEDESK_HOME's entry under the same service: not ours to judge.
    secrets.entries.set('other-home#ba9876543210', 'left alone');
    expect(await imported.removeOrphanSecrets()).toBe(1);
    expect([...secrets.entries.keys()].sort()).toEqual([referenced, 'other-home#ba9876543210'].sort());
    expect(existsSync(join(home, PENDING_FILE))).toBe(false);
    expect(logged.join('\n')).toContain('orphan keychain entries removed {"service":"KubeDesk","count":1}');
    expect(logged.join('\n')).not.toMatch(/planted-orphan-token|crashed#/);
    expect(await imported.removeOrphanSecrets()).toBe(0);
  });

  it('a store that cannot be read deletes nothing: its users may still need their entries', async () => {
    const secrets = new MemorySecretStore();
    const { imported, home } = setup({ secrets });
    await plantOrphan(secrets, home, 'crashed#0123456789ab');
    writeFileSync(imported.store.file, '{ not json');
    expect(await imported.removeOrphanSecrets()).toBe(0);
    expect(secrets.entries.has('crashed#0123456789ab')).toBe(true);
  });

  it('the app core reconciles at start-up: a planted orphan is gone, a referenced entry stays', async () => {
    const secrets = new MemorySecretStore();
    const { imported, home } = setup({ secrets });
    await imported.import(candidates(['good-token']), GOOD);
    const [referenced] = [...secrets.entries.keys()];
    await plantOrphan(secrets, home, 'crashed#abcdef012345');
    const core = createCore({ sources: envSources(), log: silentLogger, host: 'electron', secrets, home });
    onTestFinished(() => core.dispose());
    await expect.poll(() => secrets.entries.has('crashed#abcdef012345')).toBe(false);
    expect([...secrets.entries.keys()]).toEqual([referenced]);
  });
});
