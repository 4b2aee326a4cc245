import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import pkg from '../../../package.json' with { type: 'json' };

const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev
  cluster: {server: "https://dev.example:6443"}
users:
- name: alice
  user: {token: planted-token-value-1234567890}
- name: bob
  user: {username: bob, password: planted-password-0987}
contexts:
- name: dev
  context: {cluster: dev, user: alice, namespace: shop}
- name: ops
  context: {cluster: dev, user: bob}
`;

function kubeconfigFile(text = KUBECONFIG): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-cli-'));
  const file = join(dir, 'config');
  writeFileSync(file, text);
  return file;
}

describe('kubedesk CLI basics (docs/cli.md, Conventions)', () => {
  it('--help lists only working commands and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: kubedesk COMMAND');
    expect(r.stdout).toMatch(/^ {2}contexts /m);
    expect(r.stdout).toMatch(/^ {2}serve /m);
  });

  it('--version prints package.json version', async () => {
    const r = await runCli(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('an unknown command is a usage error: exit 2 with a hint to --help', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: unknown command 'frobnicate'\nRun 'kubedesk --help' for usage.\n");
  });

  it('an unknown flag is a usage error naming the flag', async () => {
    const r = await runCli(['contexts', '--jsn']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*'--jsn'/);
    expect(r.stderr).toContain("Run 'kubedesk contexts --help' for usage.");
  });

  it("contexts --kubeconfig F lists F's contexts in a kubectl-style table", async () => {
    const file = kubeconfigFile();
    const r = await runCli(['contexts', '--kubeconfig', file]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CURRENT\s+NAME\s+CLUSTER\s+SERVER\s+USER\s+NAMESPACE\s+AUTH\s+SOURCE$/);
    expect(lines[1]).toMatch(/^\*\s+dev\s+dev\s+https:\/\/dev\.example:6443\s+alice\s+shop\s+token\s+kubeconfig:/);
    expect(lines[2]).toMatch(/^\s+ops\s+dev\s+https:\/\/dev\.example:6443\s+bob\s+basic\s+kubeconfig:/);
  });

  it("contexts --json is one JSON document of docs/cli.md's shape, without secrets (conformance case 57)", async () => {
    const file = kubeconfigFile();
    const r = await runCli(['contexts', '--json', '--kubeconfig', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        name: 'dev',
        cluster: 'dev',
        server: 'https://dev.example:6443',
        user: 'alice',
        namespace: 'shop',
        authKind: 'token',
        source: `kubeconfig:${file}`,
        current: true,
      },
      {
        name: 'ops',
        cluster: 'dev',
        server: 'https://dev.example:6443',
        user: 'bob',
        namespace: '',
        authKind: 'basic',
        source: `kubeconfig:${file}`,
        current: false,
      },
    ]);
    expect(r.stdout + r.stderr).not.toMatch(/planted/);
  });

  it('reads KUBECONFIG when no flag is given', async () => {
    const file = kubeconfigFile();
    const r = await runCli(['contexts', '--json'], { env: { KUBECONFIG: file, HOME: '/nonexistent' } });
    expect(JSON.parse(r.stdout).map((c: { name: string }) => c.name)).toEqual(['dev', 'ops']);
  });

  it('a missing --kubeconfig file: error naming it, exit 1, no stack trace (conformance case 47)', async () => {
    const r = await runCli(['contexts', '--kubeconfig', '/nope/config']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: /nope/config: no such file\n');
  });

  it('an unparsable kubeconfig: `error: <path>: <reason>`, exit 1, no stack trace', async () => {
    const file = kubeconfigFile('clusters: [unclosed\n');
    const r = await runCli(['contexts', '--kubeconfig', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error: ${file}: not valid YAML: `));
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the package.json bin from a clone', () => {
  // npm does not chmod the root package's own bin, so `npx kubedesk` after `npm ci` runs the file
  // as it came out of git: it must be committed executable, and its shebang must run it.
  it('runs as `npx kubedesk` does: an executable file the shell starts through its shebang', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const bin = join(import.meta.dirname, '..', '..', '..', pkg.bin.kubedesk);
    const { stdout } = await promisify(execFile)(bin, ['--version'], {
      env: { ...process.env, PATH: `${join(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin')}:${process.env['PATH'] ?? ''}` },
    });
    expect(stdout.trim()).toContain(pkg.version);
  });
});
