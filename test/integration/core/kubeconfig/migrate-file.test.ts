// `kubedesk migrate` on a copy of the demo kubeconfig (docs/kubeconfig.md, Migrating a kubeconfig),
// over a MemorySecretStore: real files, real kubectl against the demo cluster, whose exec entries
// call a `kubedesk` launcher serving that store (test/support/credential-memory-keychain.ts).
import { execFile } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parse } from 'yaml';
import { migrateFile, type MigrateDeps } from '../../../../electron/core/kubeconfig/migrate-file.ts';
import { MemorySecretStore } from '../../../fakes/memory-secret-store.ts';
import { memoryKeychainCli } from '../../../support/credential-memory-keychain.ts';
import { demoEnvForSuite } from '../../../support/demo-env.ts';

const demoEnv = demoEnvForSuite();

function copyOfDemo(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kd-migrate-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'config');
  copyFileSync(demoEnv().kubeconfig, file);
  return { dir, file };
}

function kubectl(kubeconfig: string, context: string): Promise<string> {
  // Async: the demo cluster runs in this process and must keep answering.
  return promisify(execFile)(
    'kubectl',
    ['--kubeconfig', kubeconfig, '--context', context, 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'],
    { env: { PATH: process.env['PATH'], HOME: demoEnv().home } },
  ).then((r) => r.stdout);
}

describe('migrate a kubeconfig: secrets to the keychain, users to exec entries, and back', () => {
  it('--write: no secret left in the file, mode kept, kubectl works for each convertible context; --undo restores the original values', async () => {
    const { dir, file } = copyOfDemo();
    chmodSync(file, 0o640);
    const original = readFileSync(file, 'utf8');
    const secrets = new MemorySecretStore();
    const cli = memoryKeychainCli(dir, secrets);
    const deps: MigrateDeps = { secrets, entry: { command: cli.launcher, args: [] } };

    const planned = await migrateFile(deps, file, 'plan');
    expect(planned.plans.map((p) => [p.user, p.action])).toEqual([
      ['demo', 'move'],
      ['demo-basic', 'leave'],
      ['demo-cert', 'move'],
    ]);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(secrets.entries.size).toBe(0);

    await migrateFile(deps, file, 'write');
    const migrated = readFileSync(file, 'utf8');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((f) => f.includes('config'))).toEqual(['config']);
    for (const s of [demoEnv().demo.credentials.token, ...demoEnv().secrets.slice(2)]) expect(migrated).not.toContain(s);
    // Basic auth stays as it was, password included (an exec credential cannot carry it).
    expect(migrated).toContain(demoEnv().demo.credentials.password);
    expect(secrets.entries.size).toBe(2);
    const users = (parse(migrated) as { users: Array<{ name: string; user: { exec?: { args: string[]; interactiveMode: string } } }> })
      .users;
    expect(users[0]!.user.exec).toMatchObject({ args: ['credential', '--entry', expect.stringMatching(/^kubeconfig:demo#[0-9a-f]{12}$/)] });
    expect(users[0]!.user.exec!.interactiveMode).toBe('Never');

    cli.save();
    expect(await kubectl(file, 'demo')).toBe('demo-admin');
    expect(await kubectl(file, 'demo-cert')).toBe('demo-cert-user');
    expect(await kubectl(file, 'demo-basic')).toBe('demo');
    // An exec entry of the older v1beta1 gets a v1beta1 answer (kubectl refuses any other).
    writeFileSync(
      file,
      migrated.replaceAll('apiVersion: client.authentication.k8s.io/v1\n', 'apiVersion: client.authentication.k8s.io/v1beta1\n'),
    );
    expect(readFileSync(file, 'utf8')).toContain('v1beta1');
    expect(await kubectl(file, 'demo')).toBe('demo-admin');
    writeFileSync(file, migrated);

    // Again: nothing more to move.
    const again = await migrateFile(deps, file, 'write');
    expect(again.plans.map((p) => p.action)).toEqual(['migrated', 'leave', 'migrated']);
    expect(readFileSync(file, 'utf8')).toBe(migrated);

    await migrateFile(deps, file, 'undo');
    expect(secrets.entries.size).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    // The file's own layout is kept, so the undone file is the original, byte for byte.
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(await kubectl(file, 'demo')).toBe('demo-admin');
    expect(await kubectl(file, 'demo-cert')).toBe('demo-cert-user');
  });

  it('a keychain failure midway leaves the file byte-identical and no entry behind', async () => {
    const { file } = copyOfDemo();
    const before = readFileSync(file);
    const secrets = new MemorySecretStore();
    secrets.failAfter('set', 1);
    const deps: MigrateDeps = { secrets, entry: { command: '/opt/kubedesk', args: [] } };
    await expect(migrateFile(deps, file, 'write')).rejects.toThrow(
      /config: not migrated, the file is unchanged and no keychain entry is left: no OS keychain available/,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(secrets.entries.size).toBe(0);
    expect(secrets.calls.map((c) => c.op)).toEqual(['set', 'get', 'set', 'delete']);
  });

  it('a value read back different from the one stored stops the migration the same way', async () => {
    const { file } = copyOfDemo();
    const before = readFileSync(file);
    const secrets = new MemorySecretStore();
    const get = secrets.get.bind(secrets);
    // A keychain that truncates what it stores (as a size limit would).
    secrets.get = async (account) => (await get(account))?.slice(0, 100) ?? null;
    await expect(migrateFile({ secrets, entry: { command: '/opt/kubedesk', args: [] } }, file, 'write')).rejects.toThrow(
      /not migrated, the file is unchanged and no keychain entry is left: keychain entry "kubeconfig:demo#[0-9a-f]+": reading it back gave a different value/,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(secrets.entries.size).toBe(0);
  });

  it('a failure while replacing the file (after every secret is stored) removes the entries and keeps the file', async () => {
    const { dir, file } = copyOfDemo();
    const before = readFileSync(file);
    const secrets = new MemorySecretStore();
    const deps: MigrateDeps = {
      secrets,
      entry: { command: '/opt/kubedesk', args: [] },
      hooks: {
        afterTempWrite: () => {
          throw new Error('disk full (injected)');
        },
      },
    };
    await expect(migrateFile(deps, file, 'write')).rejects.toThrow(
      /not migrated, the file is unchanged and no keychain entry is left: disk full/,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(secrets.entries.size).toBe(0);
    expect(readdirSync(dir)).toEqual(['config']);
  });

  it('--undo with an entry missing from the keychain changes nothing', async () => {
    const { file } = copyOfDemo();
    const secrets = new MemorySecretStore();
    const deps: MigrateDeps = { secrets, entry: { command: '/opt/kubedesk', args: [] } };
    await migrateFile(deps, file, 'write');
    const migrated = readFileSync(file);
    const [first] = [...secrets.entries.keys()];
    secrets.entries.delete(first!);
    await expect(migrateFile(deps, file, 'undo')).rejects.toThrow(
      /user "demo": the keychain has no entry "kubeconfig:demo#[0-9a-f]+".*; nothing changed/,
    );
    expect(readFileSync(file).equals(migrated)).toBe(true);
    expect(secrets.entries.size).toBe(1);
  });

  it('migrates the target of a symlinked kubeconfig and keeps the link', async () => {
    const { dir, file } = copyOfDemo();
    const link = join(dir, 'link');
    symlinkSync(file, link);
    const secrets = new MemorySecretStore();
    await migrateFile({ secrets, entry: { command: '/opt/kubedesk', args: [] } }, link, 'write');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain(demoEnv().demo.credentials.token);
    expect(secrets.entries.size).toBe(2);
  });
});
