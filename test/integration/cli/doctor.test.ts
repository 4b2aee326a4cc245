// `kubedesk doctor` as users run it (a child process) against the demo cluster: one line per hop,
// a hint under a failure, exit 0 only when nothing failed, `--json` in path order, no secret shown.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DOCTOR_HOPS } from '../../../electron/shared/contract/doctor.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';
import { runCli, type CliResult } from '../../support/run-cli.ts';

const demoEnv = demoEnvForSuite({ keyring: false });
const CLUSTER_HOPS = DOCTOR_HOPS.slice(0, DOCTOR_HOPS.indexOf('clock') + 1);
const dir = mkdtempSync(join(tmpdir(), 'kd-doctor-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const outputs: string[] = [];

async function doctor(args: string[], kubeconfig = demoEnv().kubeconfig): Promise<CliResult> {
  const r = await runCli(['doctor', '--kubeconfig', kubeconfig, ...args], { env: demoEnv().env });
  outputs.push(r.stdout, r.stderr);
  return r;
}

function brokenKubeconfig(name: string, edit: (doc: { users: Array<{ user: Record<string, unknown> }> }) => void): string {
  const doc = parse(demoEnv().demo.kubeconfigYaml()) as { users: Array<{ user: Record<string, unknown> }> };
  edit(doc);
  const file = join(dir, name);
  writeFileSync(file, stringify(doc), { mode: 0o600 });
  return file;
}

describe('kubedesk doctor', () => {
  it('prints one ✓ line per hop of the healthy demo and exits 0', async () => {
    const r = await doctor([]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[1])).toEqual(CLUSTER_HOPS);
    for (const l of lines) expect(l).toMatch(/^[✓–] [a-z-]+ {2,}\S.* \(\d+ ms\)$/);
    expect(lines).toContainEqual(expect.stringMatching(/^– proxy {11}no proxy-url/));
    expect(lines).toContainEqual(expect.stringMatching(/^✓ dns {13}127\.0\.0\.1 is an IP literal/));
  });

  it('prints the hint under the failing hop and exits 1', async () => {
    const r = await doctor(
      ['--context', 'demo'],
      brokenKubeconfig('wrong-token', (d) => (d.users[0]!.user['token'] = 'wrong-token-value')),
    );
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const i = lines.findIndex((l) => l.startsWith('✗ authentication'));
    expect(lines[i]).toMatch(
      /^✗ authentication {2}401 Unauthorized: the apiserver refused the bearer token from users\[0\]\.user\.token \(\d+ ms\)$/,
    );
    expect(lines[i + 1]).toMatch(/^ {4}hint: The token is wrong/);
    expect(lines[i + 2]).toMatch(/^– version/);
    expect(r.stdout).not.toContain('wrong-token-value');
  });

  it('shows the exec plugin installHint under a credentials failure', async () => {
    const file = brokenKubeconfig('no-plugin', (d) => {
      d.users[0]!.user = {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: 'kubedesk-missing-plugin',
          interactiveMode: 'Never',
          installHint: 'brew install kubedesk-missing-plugin',
        },
      };
    });
    const r = await doctor([], file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✗ credentials {5}exec: executable kubedesk-missing-plugin not found \(\d+ ms\)$/m);
    expect(r.stdout).toContain('brew install kubedesk-missing-plugin');
  });

  it('writes {checks:[…]} in path order with --json, the service path included', async () => {
    const r = await doctor(['--service', 'shop/web', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { checks: Array<Record<string, unknown>> };
    expect(Object.keys(doc)).toEqual(['checks']);
    expect(doc.checks.map((c) => c['hop'])).toEqual(DOCTOR_HOPS);
    for (const c of doc.checks) {
      expect(Object.keys(c)).toEqual(['hop', 'status', 'ms', 'detail', 'hint']);
      expect(['ok', 'skipped']).toContain(c['status']);
    }
    expect(doc.checks.find((c) => c['hop'] === 'local')).toMatchObject({ status: 'skipped', hint: null });
  });

  it('exits 1 when a service hop fails, naming the not-ready pod', async () => {
    const r = await doctor(['--service', 'shop/orders']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✗ endpoints {7}no ready pod: orders-\S+ CrashLoopBackOff \(\d+ ms\)$/m);
  });

  it('is a usage error (exit 2) for a --service that is not NS/NAME[:PORT]', async () => {
    const r = await doctor(['--service', 'Shop/web']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--service');
  });

  it('never prints a secret of the demo kubeconfig', () => {
    const text = outputs.join('\n');
    expect(text.length).toBeGreaterThan(0);
    for (const s of demoEnv().secrets) expect(text).not.toContain(s);
  });
});
