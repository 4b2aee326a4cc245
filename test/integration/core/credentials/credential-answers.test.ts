// What `kubedesk credential` answers (docs/cli.md): the quick path (store file + one keychain
// entry) must give exactly what the full path through a connection gives, and fall back to it
// for everything else; migrated users answer from their own entry. Over a MemorySecretStore; the
// command runs as kubectl runs it, through a launcher (test/support/credential-memory-keychain.ts).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { stringify } from 'yaml';
import { credentialCommandOver } from '../../../../electron/cli/commands/credential.ts';
import { quickImportedCredential } from '../../../../electron/core/credentials/imported-credential.ts';
import { importCandidates } from '../../../../electron/core/kubeconfig/import-candidates.ts';
import { migratedCredential, serializeMigrated } from '../../../../electron/core/kubeconfig/migrate-entry.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { AppStore } from '../../../../electron/core/store/app-store.ts';
import { ImportedContexts } from '../../../../electron/core/store/imported-contexts.ts';
import { MemorySecretStore } from '../../../fakes/memory-secret-store.ts';
import { memoryKeychainCli } from '../../../support/credential-memory-keychain.ts';
import { demoEnvForSuite } from '../../../support/demo-env.ts';

const demoEnv = demoEnvForSuite();

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-cred-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function importInto(home: string, secrets: MemorySecretStore, text: string, dir: string): Promise<void> {
  const imported = new ImportedContexts({ store: new AppStore({ home }), secrets, log: silentLogger });
  await imported.import(importCandidates({ label: join(dir, 'config'), dir, text }, undefined), 'test');
}

async function credential(launcher: string, home: string, ...args: string[]): Promise<unknown> {
  const r = await promisify(execFile)(launcher, ['credential', ...args], { env: { PATH: process.env['PATH'], KUBEDESK_HOME: home } });
  return JSON.parse(r.stdout);
}

describe('kubedesk credential answers', () => {
  it('the quick path gives what the full path gives for token and client-certificate users, and nothing for basic auth', async () => {
    const dir = tempDir();
    const home = join(dir, 'home');
    const secrets = new MemorySecretStore();
    await importInto(home, secrets, readFileSync(demoEnv().kubeconfig, 'utf8'), dir);
    const c = demoEnv().demo.credentials;
    expect(await quickImportedCredential(home, secrets, 'demo')).toEqual({ token: c.token });
    expect(await quickImportedCredential(home, secrets, 'demo-cert')).toEqual({
      clientCertificateData: c.clientCertPem,
      clientKeyData: c.clientKeyPem,
    });
    expect(await quickImportedCredential(home, secrets, 'demo-basic')).toBeUndefined();
    expect(await quickImportedCredential(home, secrets, 'nope')).toBeUndefined();
    expect(await quickImportedCredential(join(dir, 'no-home'), secrets, 'demo')).toBeUndefined();

    const cli = memoryKeychainCli(dir, secrets);
    const v1 = { apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential' };
    expect(await credential(cli.launcher, home, '--context', 'demo')).toEqual({ ...v1, status: { token: c.token } });
    expect(await credential(cli.launcher, home, '--context', 'demo-cert')).toEqual({
      ...v1,
      status: { clientCertificateData: c.clientCertPem, clientKeyData: c.clientKeyPem },
    });
    await expect(credential(cli.launcher, home, '--context', 'demo-basic')).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'error: context "demo-basic" uses basic auth, which an exec credential cannot carry; use a token or client certificate\n',
    });
    await expect(credential(cli.launcher, home, '--context', 'nope')).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'error: context was not found for specified context: nope\n',
    });
  });

  it('falls back to the full path for a user whose key is in a file', async () => {
    const dir = tempDir();
    const home = join(dir, 'home');
    const c = demoEnv().demo.credentials;
    writeFileSync(join(dir, 'client.key'), c.clientKeyPem, { mode: 0o600 });
    writeFileSync(join(dir, 'client.crt'), c.clientCertPem);
    const text = stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: demoEnv().demo.url } }],
      users: [{ name: 'files', user: { 'client-certificate': 'client.crt', 'client-key': 'client.key', token: 'also-a-token' } }],
      contexts: [{ name: 'files', context: { cluster: 'c', user: 'files' } }],
    });
    const secrets = new MemorySecretStore();
    await importInto(home, secrets, text, dir);
    expect(await quickImportedCredential(home, secrets, 'files')).toBeUndefined();
    const cli = memoryKeychainCli(dir, secrets);
    expect(await credential(cli.launcher, home, '--context', 'files')).toMatchObject({
      status: { token: 'also-a-token', clientCertificateData: c.clientCertPem, clientKeyData: c.clientKeyPem },
    });
  });

  it('migrated users answer from their entry: token, certificate, a valid OIDC id-token with its expiry', async () => {
    const secrets = new MemorySecretStore();
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const jwt = ['e30', Buffer.from(JSON.stringify({ exp })).toString('base64url'), 'sig'].join('.');
    secrets.entries.set('kubeconfig:t#1', serializeMigrated({ user: { token: 'tok' }, dir: '/' }));
    secrets.entries.set(
      'kubeconfig:c#1',
      serializeMigrated({ user: { 'client-certificate-data': 'Y2VydA==', 'client-key-data': 'a2V5' }, dir: '/' }),
    );
    secrets.entries.set(
      'kubeconfig:o#1',
      serializeMigrated({ user: { 'auth-provider': { name: 'oidc', config: { 'client-id': 'k', 'id-token': jwt } } }, dir: '/' }),
    );
    secrets.entries.set('junk', '{"v":1}');
    expect(await migratedCredential(secrets, 'kubeconfig:t#1')).toEqual({ token: 'tok' });
    expect(await migratedCredential(secrets, 'kubeconfig:c#1')).toEqual({ clientCertificateData: 'cert', clientKeyData: 'key' });
    expect(await migratedCredential(secrets, 'kubeconfig:o#1')).toEqual({
      token: jwt,
      expirationTimestamp: new Date(exp * 1000).toISOString().replace('.000Z', 'Z'),
    });
    await expect(migratedCredential(secrets, 'gone')).rejects.toThrow(
      'the keychain has no entry "gone" (service KubeDesk); was it removed?',
    );
    await expect(migratedCredential(secrets, 'junk')).rejects.toThrow('keychain entry "junk": not a user written by kubedesk migrate');
  });

  it('prints one ExecCredential line for --entry, and refuses --context with --entry', async () => {
    const secrets = new MemorySecretStore();
    secrets.entries.set('kubeconfig:t#1', serializeMigrated({ user: { token: 'tok' }, dir: '/' }));
    const command = credentialCommandOver({
      secrets: () => secrets,
      core: () => Promise.reject(new Error('the full path is not needed for a migrated user')),
    });
    let out = '';
    const io = {
      stdout: new PassThrough().on('data', (d: Buffer) => (out += d.toString())),
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      env: {},
      cwd: '/',
      color: false,
      stdinIsTTY: false,
    };
    const signal = new AbortController().signal;
    expect(await command.run({ io, values: { entry: 'kubeconfig:t#1' }, positionals: [], signal })).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(out).toBe('{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"tok"}}\n');
    await expect(command.run({ io, values: { entry: 'x', context: 'y' }, positionals: [], signal })).rejects.toThrow(
      '--context and --entry: give one of them',
    );
  });
});
