import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';
import { NO_KEYCHAIN_ENV, secretToolAccounts } from '../../support/keyring.ts';

const demoEnv = demoEnvForSuite({ keyring: true });

/** kubectl with the keychain's D-Bus session (or none); async: the demo cluster runs in this process. */
function kubectl(kubeconfig: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)('kubectl', ['--kubeconfig', kubeconfig, ...args], {
    env: { PATH: process.env['PATH'], HOME: demoEnv().home, DBUS_SESSION_BUS_ADDRESS: process.env['DBUS_SESSION_BUS_ADDRESS'], ...env },
  });
}

const whoami = ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'];

describe('kubedesk credential, export-kubeconfig and migrate with the OS keychain (docs/cli.md)', () => {
  it('kubectl uses imported contexts through the exported kubeconfig; the secret comes from the keychain', async () => {
    const env = { ...demoEnv().env, KUBEDESK_HOME: join(demoEnv().kubedeskHome, 'cred') };
    expect((await runCli(['import', demoEnv().kubeconfig], { env })).code).toBe(0);
    const exported = await runCli(['export-kubeconfig'], { env });
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('warning: context "demo-basic" uses basic auth, which an exec credential cannot carry; left out\n');
    for (const s of demoEnv().secrets) expect(exported.stdout).not.toContain(s);
    expect(exported.stdout).toContain('command: ' + process.execPath);

    const cred = await runCli(['credential', '--context', 'demo'], { env });
    expect(cred.code).toBe(0);
    expect(JSON.parse(cred.stdout)).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { token: demoEnv().demo.credentials.token },
    });
    const cert = JSON.parse((await runCli(['credential', '--context', 'demo-cert'], { env })).stdout) as { status: Record<string, string> };
    expect(cert.status['clientKeyData']).toBe(demoEnv().demo.credentials.clientKeyPem);
    expect(await runCli(['credential', '--context', 'demo-basic'], { env })).toMatchObject({
      code: 1,
      stderr: 'error: context "demo-basic" uses basic auth, which an exec credential cannot carry; use a token or client certificate\n',
    });

    // One context per file: it is the current-context, so kubectl needs no --context.
    for (const [context, user] of [
      ['demo', 'demo-admin'],
      ['demo-cert', 'demo-cert-user'],
    ] as const) {
      const file = join(demoEnv().home, `${context}.yaml`);
      expect((await runCli(['export-kubeconfig', '--context', context, '-o', file], { env })).code).toBe(0);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      for (const s of demoEnv().secrets) expect(readFileSync(file, 'utf8')).not.toContain(s);
      expect((await kubectl(file, ['get', 'svc', '-A'])).stdout).toMatch(/^NAMESPACE\s+NAME\s+TYPE/);
      expect((await kubectl(file, whoami)).stdout).toBe(user);
    }

    // No keychain: kubectl shows the plugin's one-line error.
    const failed = kubectl(join(demoEnv().home, 'demo.yaml'), whoami, NO_KEYCHAIN_ENV);
    await expect(failed).rejects.toMatchObject({ stderr: expect.stringMatching(/^error: no OS keychain available \(/m) });
  });

  it('migrate --write: the file holds no secret, kubectl works per context; --undo restores the original file and entries', async () => {
    const file = join(demoEnv().home, 'migrated-config');
    copyFileSync(demoEnv().kubeconfig, file);
    const original = readFileSync(file, 'utf8');
    const env = demoEnv().env;
    const w = await runCli(['migrate', '--kubeconfig', file, '--write'], { env });
    expect(w).toMatchObject({ code: 0, stderr: '' });
    expect(w.stdout).toBe(
      'user "demo": moved token to the keychain\n' +
        'user "demo-basic": left as is: basic auth, which an exec credential cannot carry\n' +
        'user "demo-cert": moved client-certificate-data, client-key-data to the keychain\n',
    );
    const migrated = readFileSync(file, 'utf8');
    for (const s of [demoEnv().demo.credentials.token, ...demoEnv().secrets.slice(2)]) expect(migrated).not.toContain(s);
    // The entries named in the file (other test files share the keyring: only these are ours).
    const entries = [...migrated.matchAll(/- (kubeconfig:[^\s]+)$/gm)].map((m) => m[1]!);
    expect(entries).toEqual([expect.stringMatching(/^kubeconfig:demo#/), expect.stringMatching(/^kubeconfig:demo-cert#/)]);
    expect(secretToolAccounts('KubeDesk')).toEqual(expect.arrayContaining(entries));
    expect((await kubectl(file, ['--context', 'demo', ...whoami])).stdout).toBe('demo-admin');
    expect((await kubectl(file, ['--context', 'demo-cert', ...whoami])).stdout).toBe('demo-cert-user');
    expect((await kubectl(file, ['get', 'svc', '-A'])).stdout).toMatch(/^NAMESPACE\s+NAME\s+TYPE/);

    const u = await runCli(['migrate', '--kubeconfig', file, '--undo'], { env });
    expect(u).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(secretToolAccounts('KubeDesk').filter((a) => entries.includes(a))).toEqual([]);
    expect((await kubectl(file, ['--context', 'demo-cert', ...whoami])).stdout).toBe('demo-cert-user');
  });
});
