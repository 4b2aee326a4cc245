// `kubedesk migrate` as users run it (docs/cli.md): the plan by default, one line per user and never
// a value; exit codes and the file left alone when the keychain is missing. The keychain itself is
// exercised in credential.test.ts (npm test) and, over a MemorySecretStore, in
// test/integration/core/kubeconfig/migrate-file.test.ts.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { NO_KEYCHAIN_ENV } from '../../support/keyring.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';
import { runCli } from '../../support/run-cli.ts';

const demoEnv = demoEnvForSuite();

function copyOfDemo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-migrate-cli-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'config');
  copyFileSync(demoEnv().kubeconfig, file);
  return file;
}

describe('kubedesk migrate', () => {
  it('prints what would change, one line per user, never a value, and changes nothing', async () => {
    const file = copyOfDemo();
    const before = readFileSync(file);
    const r = await runCli(['migrate', '--kubeconfig', file], { env: demoEnv().env });
    expect(r).toEqual({
      code: 0,
      stdout:
        'user "demo": would move token to the keychain\n' +
        'user "demo-basic": left as is: basic auth, which an exec credential cannot carry\n' +
        'user "demo-cert": would move client-certificate-data, client-key-data to the keychain\n',
      stderr: 'Nothing changed: run `kubedesk migrate --write` to make these changes.\n',
    });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('reads KUBECONFIG like kubectl when no --kubeconfig is given, naming each file', async () => {
    const a = copyOfDemo();
    const b = copyOfDemo();
    const r = await runCli(['migrate'], { env: { ...demoEnv().env, KUBECONFIG: `${a}:${join(a, '..', 'missing')}:${b}` } });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith(`${a}: user "`))).toHaveLength(3);
    expect(r.stdout.split('\n').filter((l) => l.startsWith(`${b}: user "`))).toHaveLength(3);
  });

  it('--write without a keychain: exit 1, one line naming the file, the file byte-identical', async () => {
    const file = copyOfDemo();
    const before = readFileSync(file);
    const r = await runCli(['migrate', '--kubeconfig', file, '--write'], { env: { ...demoEnv().env, ...NO_KEYCHAIN_ENV } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(`^error: ${file}: not migrated, the file is unchanged and no keychain entry is left: no OS keychain available .*\\n$`),
    );
    expect(r.stderr.split('\n')).toHaveLength(2);
    for (const s of demoEnv().secrets) expect(r.stderr).not.toContain(s);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('usage errors: --write with --undo, a missing file', async () => {
    const file = copyOfDemo();
    expect(await runCli(['migrate', '--kubeconfig', file, '--write', '--undo'], { env: demoEnv().env })).toMatchObject({
      code: 2,
      stderr: "error: --write and --undo: give one of them\nRun 'kubedesk migrate --help' for usage.\n",
    });
    const missing = join(file, '..', 'nope');
    expect(await runCli(['migrate', '--kubeconfig', missing], { env: demoEnv().env })).toMatchObject({
      code: 1,
      stderr: `error: ${missing}: no such file\n`,
    });
  });
});
