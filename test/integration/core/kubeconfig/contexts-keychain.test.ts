// "Use the keychain for kubectl too" through the IPC contract (docs/kubeconfig.md, Exporting and
// Migrating a kubeconfig): contexts:plaintext-report, contexts:migrate and
// contexts:export-kubeconfig on a copy of the demo kubeconfig, over a MemorySecretStore; kubectl
// runs the written files through a `kubedesk` launcher serving that store.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { dispatch } from '../../../../electron/core/api/dispatch.ts';
import { createCore, type Core } from '../../../../electron/core/core.ts';
import { createLogger } from '../../../../electron/core/log.ts';
import type { Channel, Req, Res, Result } from '../../../../electron/shared/ipc-contract.ts';
import { MemorySecretStore } from '../../../fakes/memory-secret-store.ts';
import { memoryKeychainCli, type MemoryKeychainCli } from '../../../support/credential-memory-keychain.ts';
import { demoEnvForSuite } from '../../../support/demo-env.ts';

const demoEnv = demoEnvForSuite();
let dir: string;
let file: string;
let original: string;
let core: Core;
let cli: MemoryKeychainCli;
const secrets = new MemorySecretStore();
const logs: string[] = [];
const results: unknown[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kd-contexts-keychain-'));
  file = join(dir, 'config');
  copyFileSync(demoEnv().kubeconfig, file);
  original = readFileSync(file, 'utf8');
  cli = memoryKeychainCli(dir, secrets);
  // What the installed `kubedesk` shim sets (app-kubedesk-entry.ts).
  vi.stubEnv('KUBEDESK_CLI', cli.launcher);
  core = createCore({
    // A KUBECONFIG entry that does not exist is skipped, as kubectl skips it.
    sources: { files: [file, join(dir, 'missing')], mustExist: false, origin: 'env' },
    log: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    host: 'browser',
    secrets,
    home: join(dir, 'kubedesk-home'),
  });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await core?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function call<C extends Channel>(channel: C, req: Req<C>): Promise<Result<Res<C>>> {
  const r = await dispatch(
    { handlers: core.handlers, log: createLogger({ level: 'error', write: (l) => logs.push(l) }) },
    channel,
    req,
    new AbortController().signal,
  );
  results.push(r);
  return r as Result<Res<C>>;
}

async function value<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
  const r = await call(channel, req);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

function kubectl(kubeconfig: string, ...args: string[]): Promise<string> {
  cli.save();
  // Async: the demo cluster runs in this process and must keep answering.
  return promisify(execFile)('kubectl', ['--kubeconfig', kubeconfig, ...args], {
    env: { PATH: process.env['PATH'], HOME: demoEnv().home },
  }).then((r) => r.stdout);
}

const whoami = ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'];

describe('the keychain for kubectl too, through the contexts channels', () => {
  it('plaintext-report names each file and user still holding inline secrets, by field, never a value', async () => {
    expect(await value('contexts:plaintext-report', undefined)).toEqual([
      {
        file,
        users: [
          { name: 'demo', fields: ['token'], movable: true },
          { name: 'demo-basic', fields: ['password'], movable: false },
          { name: 'demo-cert', fields: ['client-key-data'], movable: true },
        ],
      },
    ]);
  });

  it('migrate: plan changes nothing; write moves the secrets and kubectl still works; undo restores them', async () => {
    const plan = await value('contexts:migrate', { file, mode: 'plan' });
    expect(plan.lines.map((l) => l.text)).toEqual([
      'user "demo": would move token to the keychain',
      'user "demo-basic": left as is: basic auth, which an exec credential cannot carry',
      'user "demo-cert": would move client-certificate-data, client-key-data to the keychain',
    ]);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(secrets.entries.size).toBe(0);

    const written = await value('contexts:migrate', { file, mode: 'write' });
    expect(written.lines.map((l) => [l.user, l.action, l.text.includes('moved')])).toEqual([
      ['demo', 'move', true],
      ['demo-basic', 'leave', false],
      ['demo-cert', 'move', true],
    ]);
    const text = readFileSync(file, 'utf8');
    for (const s of demoEnv().secrets.filter((x) => x !== demoEnv().demo.credentials.password)) expect(text).not.toContain(s);
    expect(secrets.entries.size).toBe(2);
    expect(await kubectl(file, '--context', 'demo', ...whoami)).toBe('demo-admin');
    expect(await kubectl(file, '--context', 'demo-cert', ...whoami)).toBe('demo-cert-user');
    expect(await value('contexts:plaintext-report', undefined)).toEqual([
      { file, users: [{ name: 'demo-basic', fields: ['password'], movable: false }] },
    ]);

    const undone = await value('contexts:migrate', { file, mode: 'undo' });
    expect(undone.lines.map((l) => l.text)).toEqual([
      'user "demo": restored from the keychain',
      'user "demo-basic": left as is: basic auth, which an exec credential cannot carry',
      'user "demo-cert": restored from the keychain',
    ]);
    expect(undone.kept).toEqual([]);
    expect(secrets.entries.size).toBe(0);
    expect(parse(readFileSync(file, 'utf8'))).toEqual(parse(original));
    expect(await kubectl(file, '--context', 'demo', ...whoami)).toBe('demo-admin');
  });

  it('migrate refuses a file KubeDesk does not read, and changes nothing', async () => {
    const other = join(dir, 'other');
    copyFileSync(file, other);
    const r = await call('contexts:migrate', { file: other, mode: 'write' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining(other) } });
    expect(readFileSync(other, 'utf8')).toBe(readFileSync(file, 'utf8'));
  });

  it('export-kubeconfig writes KUBEDESK_HOME/kubeconfig-kubedesk.yaml, mode 0600, no secret; kubectl uses it with no --context', async () => {
    await value('contexts:import', { yaml: original, names: ['demo', 'demo-cert'] });
    const out = await value('contexts:export-kubeconfig', { contexts: ['demo-cert'] });
    expect(out).toEqual({ path: join(dir, 'kubedesk-home', 'kubeconfig-kubedesk.yaml'), warnings: [] });
    expect(statSync(out.path).mode & 0o777).toBe(0o600);
    const text = readFileSync(out.path, 'utf8');
    for (const s of demoEnv().secrets) expect(text).not.toContain(s);
    expect(parse(text)).toMatchObject({ 'current-context': 'demo-cert' });
    expect(await kubectl(out.path, ...whoami)).toBe('demo-cert-user');

    const chosen = join(dir, 'exported.yaml');
    expect(await value('contexts:export-kubeconfig', { contexts: ['demo'], file: chosen })).toMatchObject({ path: chosen });
    expect(await kubectl(chosen, 'get', 'svc', '-A', '-o', 'name')).toContain('service/web');
    // Exporting again replaces a kubeconfig it wrote.
    expect(await value('contexts:export-kubeconfig', { contexts: ['demo-cert'], file: chosen })).toMatchObject({ path: chosen });
    expect(parse(readFileSync(chosen, 'utf8'))).toMatchObject({ 'current-context': 'demo-cert' });
  });

  it('export-kubeconfig refuses a relative path, a file that is not a kubeconfig, a context not imported and basic auth', async () => {
    const notes = join(dir, 'notes.yaml');
    writeFileSync(notes, 'shopping: [milk]\n');
    expect(await call('contexts:export-kubeconfig', { contexts: ['demo'], file: notes })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('is not a kubeconfig') },
    });
    expect(readFileSync(notes, 'utf8')).toBe('shopping: [milk]\n');
    expect(await call('contexts:export-kubeconfig', { contexts: ['demo'], file: 'here.yaml' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('contexts:export-kubeconfig', { contexts: ['nope'] })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await value('contexts:import', { yaml: original, names: ['demo-basic'] });
    expect(await call('contexts:export-kubeconfig', { contexts: ['demo-basic'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('basic auth') },
    });
  });

  it('no answer or log line of these channels holds a secret', () => {
    const seen = JSON.stringify(results) + logs.join('\n');
    for (const s of demoEnv().secrets) expect(seen).not.toContain(s);
  });
});
