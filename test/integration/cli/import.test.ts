import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { demoEnvForSuite, textOfFilesUnder } from '../../support/demo-env.ts';
import { FIXTURES } from '../../support/kubedesk-fixtures.ts';
import { NO_KEYCHAIN_ENV, secretToolAccounts } from '../../support/keyring.ts';

const demoEnv = demoEnvForSuite({ keyring: true });

/** This store's keychain accounts by user name (other test files share the keyring). */
function storeAccounts(home: string): Record<string, string> {
  const doc = JSON.parse(readFileSync(join(home, 'store.json'), 'utf8')) as {
    users: Array<{ name: string; secret?: { account: string } }>;
  };
  return Object.fromEntries(doc.users.map((u) => [u.name, u.secret!.account]));
}

describe('kubedesk import / whoami / remove with a real gnome-keyring', () => {
  it('imports the demo kubeconfig: 3 contexts, keychain entries, no secret under KUBEDESK_HOME; whoami uses the keychain; remove deletes the entries', async () => {
    const env = { ...demoEnv().env, KUBEDESK_HOME: join(demoEnv().kubedeskHome, 'done-when') };
    const r = await runCli(['import', demoEnv().kubeconfig], { env });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('Imported context demo\nImported context demo-basic\nImported context demo-cert\n');
    const accounts = storeAccounts(env.KUBEDESK_HOME);
    expect(Object.keys(accounts)).toEqual(['demo', 'demo-basic', 'demo-cert']);
    expect(secretToolAccounts('KubeDesk')).toEqual(expect.arrayContaining(Object.values(accounts)));
    const files = textOfFilesUnder(env.KUBEDESK_HOME);
    expect(files).toContain('"demo-basic"');
    for (const s of demoEnv().secrets) expect(files).not.toContain(s);
    expect(statSync(join(env.KUBEDESK_HOME, 'store.json')).mode & 0o777).toBe(0o600);

    // The kubeconfig is gone: whoami can only have used the keychain.
    const copy = readFileSync(demoEnv().kubeconfig);
    rmSync(demoEnv().kubeconfig);
    try {
      const who = await runCli(['whoami', '--context', 'demo'], { env });
      expect(who).toMatchObject({ code: 0, stderr: '' });
      expect(who.stdout).toBe('Username: demo-admin\nGroups: [system:masters system:authenticated]\n');
      const cert = await runCli(['whoami', '--context', 'demo-cert'], { env });
      expect(cert.stdout).toMatch(/^Username: demo-cert-user\n/);
    } finally {
      writeFileSync(demoEnv().kubeconfig, copy, { mode: 0o600 });
    }

    const rm = await runCli(['remove', 'demo'], { env });
    expect(rm).toMatchObject({ code: 0, stdout: 'Removed context demo\n', stderr: '' });
    expect(secretToolAccounts('KubeDesk')).not.toContain(accounts['demo']);
    expect(secretToolAccounts('KubeDesk')).toEqual(expect.arrayContaining([accounts['demo-basic'], accounts['demo-cert']]));
    await runCli(['remove', 'demo-basic'], { env });
    await runCli(['remove', 'demo-cert'], { env });
    for (const a of Object.values(accounts)) expect(secretToolAccounts('KubeDesk')).not.toContain(a);
  });

  it('--context picks contexts; `-` reads stdin; a second import of a name fails whole, exit 1', async () => {
    const env = { ...demoEnv().env, KUBEDESK_HOME: join(demoEnv().kubedeskHome, 'pick') };
    expect((await runCli(['import', demoEnv().kubeconfig, '--context', 'demo-basic'], { env })).stdout).toBe(
      'Imported context demo-basic\n',
    );
    const stdin = await runCli(['import', '-', '--context', 'demo', '--context', 'demo-basic'], {
      env,
      input: readFileSync(demoEnv().kubeconfig, 'utf8'),
    });
    expect(stdin).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'error: context "demo-basic" is already imported; remove or rename it first\n',
    });
    const list = JSON.parse((await runCli(['contexts', '--json'], { env })).stdout) as Array<{ name: string; source: string }>;
    expect(list.map((c) => [c.name, c.source])).toEqual([['demo-basic', 'imported']]);
    expect((await runCli(['remove', 'demo-basic'], { env })).code).toBe(0);
  });

  it('a malformed kubeconfig: exit 1, one line naming file and field, nothing stored', async () => {
    const env = { ...demoEnv().env, KUBEDESK_HOME: join(demoEnv().kubedeskHome, 'bad') };
    const bad = join(FIXTURES, 'malformed', '13-client-key-data-not-base64.yaml');
    const r = await runCli(['import', bad], { env });
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: `error: ${bad}: users[0].user.client-key-data: not valid base64\n` });
    expect(existsSync(join(env.KUBEDESK_HOME, 'store.json'))).toBe(false);
    const missing = await runCli(['import', '/nope/kubeconfig'], { env });
    expect(missing).toMatchObject({ code: 1, stderr: 'error: /nope/kubeconfig: no such file\n' });
    expect((await runCli(['import'], { env })).code).toBe(2);
  });

  it('no keychain available: exit 1 saying how to enable one; nothing written in plain text', async () => {
    const env = { ...demoEnv().env, ...NO_KEYCHAIN_ENV, KUBEDESK_HOME: join(demoEnv().kubedeskHome, 'no-keychain') };
    const r = await runCli(['import', demoEnv().kubeconfig], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^error: no OS keychain available \(the Secret Service \(libsecret\): Could not connect: .*\)\. KubeDesk needs a Secret Service provider/,
    );
    expect(r.stderr).toContain('KubeDesk never stores secrets in plain text.');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(join(env.KUBEDESK_HOME, 'store.json'))).toBe(false);
    for (const s of demoEnv().secrets) expect(textOfFilesUnder(env.KUBEDESK_HOME)).not.toContain(s);
  });
});
