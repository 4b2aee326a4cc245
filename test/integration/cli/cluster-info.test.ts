// `kubedesk cluster-info` against real kubectl on the demo cluster: the same lines once kubectl's colour
// codes (it writes them even into a pipe) are stripped.
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { runCli as runCliInProcess } from '../../../electron/cli/main.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';

const KUBECTL = '/usr/bin/kubectl';
const run = promisify(execFile);
const demoEnv = demoEnvForSuite({ keyring: false });

// eslint-disable-next-line no-control-regex -- kubectl's SGR colour codes
const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

async function kubectl(args: string[]): Promise<string> {
  const { stdout } = await run(KUBECTL, ['--kubeconfig', demoEnv().kubeconfig, ...args], { env: { ...process.env, HOME: demoEnv().home } });
  return stdout;
}

describe('kubedesk cluster-info', () => {
  it("prints kubectl cluster-info's lines for the demo's kube-system cluster services", async () => {
    const expected = stripAnsi(await kubectl(['cluster-info']));
    expect(expected).toContain('CoreDNS is running at ');
    const r = await runCli(['cluster-info', '--kubeconfig', demoEnv().kubeconfig], { env: demoEnv().env });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout).toBe(expected);
  });

  it('looks in the namespace -n names, as kubectl does', async () => {
    const expected = stripAnsi(await kubectl(['cluster-info', '-n', 'default']));
    const r = await runCli(['cluster-info', '--kubeconfig', demoEnv().kubeconfig, '-n', 'default'], { env: demoEnv().env });
    expect(r).toMatchObject({ code: 0, stdout: expected });
  });

  it('--json: the control plane and each service with its namespace and URL', async () => {
    const r = await runCli(['cluster-info', '--json'], { env: { ...demoEnv().env, KUBECONFIG: demoEnv().kubeconfig } });
    expect(r.code).toBe(0);
    const server = demoEnv().demo.url.replace(/\/$/, '');
    const info = JSON.parse(r.stdout) as { controlPlane: string; services: Array<{ name: string; namespace: string; url: string }> };
    expect(info.controlPlane).toBe(server);
    expect(info.services).toContainEqual({
      name: 'CoreDNS',
      namespace: 'kube-system',
      url: `${server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy`,
    });
  });

  it('colours names green and links yellow when the CLI io says colour (a TTY without NO_COLOR)', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    const io = {
      stdout,
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      env: { ...demoEnv().env, KUBECONFIG: demoEnv().kubeconfig },
      cwd: process.cwd(),
      color: true,
      stdinIsTTY: false,
    };
    expect(await runCliInProcess(['cluster-info'], { io, signal: new AbortController().signal })).toBe(0);
    const server = demoEnv().demo.url.replace(/\/$/, '');
    expect(out).toContain(
      `\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33m${server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n`,
    );
    expect(stripAnsi(out)).toBe(stripAnsi(await kubectl(['cluster-info'])));
  });

  it('errors: an unknown context exits 1 with error: …', async () => {
    const r = await runCli(['cluster-info', '--kubeconfig', demoEnv().kubeconfig, '--context', 'nope'], { env: demoEnv().env });
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'error: context was not found for specified context: nope\n' });
  });
});
