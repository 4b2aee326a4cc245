// `kubedesk export-kubeconfig` (docs/cli.md) with the real command and real kubectl against the
// demo cluster. The contexts are imported over a MemorySecretStore and the exported users call a
// `kubedesk` launcher serving that store (test/support/credential-memory-keychain.ts); the same
// file with the OS keychain is checked in credential.test.ts under `npm test`.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { onTestFinished, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importCandidates } from '../../../electron/core/kubeconfig/import-candidates.ts';
import { silentLogger } from '../../../electron/core/log.ts';
import { AppStore } from '../../../electron/core/store/app-store.ts';
import { ImportedContexts } from '../../../electron/core/store/imported-contexts.ts';
import { MemorySecretStore } from '../../fakes/memory-secret-store.ts';
import { memoryKeychainCli } from '../../support/credential-memory-keychain.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';
import { NO_KEYCHAIN_ENV } from '../../support/keyring.ts';
import { ROOT, runCli } from '../../support/run-cli.ts';

const demoEnv = demoEnvForSuite();
/** What a clone's exported users run (cli/kubedesk-entry.ts). */
const ENTRY = join(ROOT, 'electron/cli/kubedesk.mjs');

interface Exported {
  'current-context'?: string;
  clusters: Array<{ name: string; cluster: Record<string, unknown> }>;
  users: Array<{ name: string; user: { exec?: Record<string, unknown> } }>;
  contexts: Array<{ name: string }>;
}

async function importedWorld(): Promise<{ dir: string; home: string; secrets: MemorySecretStore; imported: ImportedContexts }> {
  const dir = mkdtempSync(join(tmpdir(), 'kd-export-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const home = join(dir, 'kubedesk-home');
  const secrets = new MemorySecretStore();
  const imported = new ImportedContexts({ store: new AppStore({ home }), secrets, log: silentLogger });
  const file = demoEnv().kubeconfig;
  await imported.import(importCandidates({ label: file, dir: join(file, '..'), text: readFileSync(file, 'utf8') }, undefined), file);
  return { dir, home, secrets, imported };
}

function kubectl(kubeconfig: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  // Async: the demo cluster runs in this process and must keep answering.
  return promisify(execFile)('kubectl', ['--kubeconfig', kubeconfig, ...args], {
    env: { PATH: process.env['PATH'], HOME: demoEnv().home },
  });
}

describe('kubedesk export-kubeconfig: a kubeconfig kubectl uses as it is', () => {
  it('kubectl get svc -A works with no --context for the token and the client-certificate contexts; the file holds no secret and is 0600', async () => {
    const { dir, home, secrets } = await importedWorld();
    const cli = memoryKeychainCli(dir, secrets);
    const env = { ...demoEnv().env, KUBEDESK_HOME: home, KUBEDESK_CLI: cli.launcher };
    for (const [context, username] of [
      ['demo', 'demo-admin'],
      ['demo-cert', 'demo-cert-user'],
    ] as const) {
      const file = join(dir, `${context}.yaml`);
      const r = await runCli(['export-kubeconfig', '--context', context, '-o', file], { env });
      expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
      const text = readFileSync(file, 'utf8');
      for (const s of demoEnv().secrets) expect(text).not.toContain(s);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const doc = parse(text) as Exported;
      expect(doc['current-context']).toBe(context);
      expect(doc.users[0]!.user.exec).toEqual({
        apiVersion: 'client.authentication.k8s.io/v1',
        command: cli.launcher,
        args: ['credential', '--context', context],
        env: [{ name: 'KUBEDESK_HOME', value: home }],
        installHint: expect.stringContaining('kubedesk credential'),
        interactiveMode: 'Never',
        provideClusterInfo: false,
      });
      const svc = await kubectl(file, 'get', 'svc', '-A');
      expect(svc.stdout).toMatch(/^NAMESPACE\s+NAME\s+TYPE/);
      expect(svc.stdout).toMatch(/\bkubernetes\b/);
      const who = await kubectl(file, 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}');
      expect(who.stdout).toBe(username);
    }
  });

  it('keeps the clusters server, CA and TLS fields; reports the basic-auth context as not convertible; no current-context when it cannot tell, and says so', async () => {
    const { dir, home, imported } = await importedWorld();
    const env = { ...demoEnv().env, KUBEDESK_HOME: home };
    const all = await runCli(['export-kubeconfig'], { env });
    expect(all.code).toBe(0);
    expect(all.stderr).toContain('warning: context "demo-basic" uses basic auth, which an exec credential cannot carry; left out\n');
    expect(all.stderr).toContain('warning: no current-context: 2 contexts exported');
    const doc = parse(all.stdout) as Exported;
    expect(doc['current-context']).toBeUndefined();
    expect(doc.contexts.map((c) => c.name)).toEqual(['demo', 'demo-cert']);
    const demo = parse(readFileSync(demoEnv().kubeconfig, 'utf8')) as Exported;
    expect(doc.clusters).toEqual(demo.clusters);
    // A clone's entry: the Node running the command and this checkout's kubedesk.mjs, by absolute path.
    expect(doc.users[0]!.user.exec).toMatchObject({ command: process.execPath, args: [ENTRY, 'credential', '--context', 'demo'] });
    // It runs from anywhere, as kubectl runs it, and asks the keychain (none here: a one-line error).
    const exec = doc.users[0]!.user.exec as { command: string; args: string[]; env: Array<{ name: string; value: string }> };
    const run = promisify(execFile)(exec.command, exec.args, {
      cwd: '/',
      env: { PATH: process.env['PATH'], ...NO_KEYCHAIN_ENV, ...Object.fromEntries(exec.env.map((e) => [e.name, e.value])) },
    });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^error: no OS keychain available \(.*\n$/),
    });

    // kubectl shows that line as it is.
    const demoOnly = join(dir, 'demo-real-entry.yaml');
    expect((await runCli(['export-kubeconfig', '--context', 'demo', '-o', demoOnly], { env })).code).toBe(0);
    const viaKubectl = promisify(execFile)('kubectl', ['--kubeconfig', demoOnly, 'get', 'svc', '-A'], {
      env: { PATH: process.env['PATH'], HOME: demoEnv().home, ...NO_KEYCHAIN_ENV },
    });
    await expect(viaKubectl).rejects.toMatchObject({ stderr: expect.stringMatching(/^error: no OS keychain available \(/m) });

    expect(await runCli(['export-kubeconfig', '--context', 'demo-basic'], { env })).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'error: context "demo-basic" uses basic auth, which an exec credential cannot carry; not exported\n',
    });

    await imported.setCurrent('demo-cert');
    const current = await runCli(['export-kubeconfig', '-o', join(dir, 'all.yaml')], { env });
    expect(current.stderr).not.toContain('current-context');
    expect((parse(readFileSync(join(dir, 'all.yaml'), 'utf8')) as Exported)['current-context']).toBe('demo-cert');
  });

  it('names KUBEDESK_HOME in the exec entries only when it is not the default one', async () => {
    const { dir } = await importedWorld();
    const userHome = join(dir, 'user');
    // The default KUBEDESK_HOME of that user (docs/cli.md): ~/.config/KubeDesk on Linux.
    const defaultHome = join(userHome, '.config', 'KubeDesk');
    const secrets = new MemorySecretStore();
    const imported = new ImportedContexts({ store: new AppStore({ home: defaultHome }), secrets, log: silentLogger });
    const file = demoEnv().kubeconfig;
    await imported.import(importCandidates({ label: file, dir: join(file, '..'), text: readFileSync(file, 'utf8') }, ['demo']), file);
    const { KUBEDESK_HOME: _, ...rest } = demoEnv().env;
    const r = await runCli(['export-kubeconfig'], { env: { ...rest, HOME: userHome, XDG_CONFIG_HOME: '', KUBEDESK_HOME: '' } });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const exec = (parse(r.stdout) as Exported).users[0]!.user.exec!;
    expect(exec).not.toHaveProperty('env');
    expect(exec['args']).toEqual([ENTRY, 'credential', '--context', 'demo']);
  });
});
