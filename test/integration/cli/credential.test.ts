import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';

const demoEnv = demoEnvForSuite({ keyring: true });

describe('kubedesk credential and export-kubeconfig (docs/cli.md)', () => {
  it('kubectl uses imported contexts through the exported kubeconfig; the secret comes from the keychain', async () => {
    const env = { ...demoEnv().env, KUBEDESK_HOME: join(demoEnv().kubedeskHome, 'cred') };
    expect((await runCli(['import', demoEnv().kubeconfig], { env })).code).toBe(0);
    const exported = await runCli(['export-kubeconfig'], { env });
    expect(exported.code).toBe(0);
    for (const s of demoEnv().secrets) expect(exported.stdout).not.toContain(s);
    expect(exported.stdout).toContain('command: ' + process.execPath);
    const file = join(demoEnv().home, 'exported.yaml');
    expect((await runCli(['export-kubeconfig', '--context', 'demo-cert', '-o', file], { env })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/- name: demo-cert\n/);

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

    // Async: the demo cluster runs in this process and must keep answering.
    const kubectl = (context: string) =>
      promisify(execFile)(
        'kubectl',
        [
          '--kubeconfig',
          join(demoEnv().home, 'all.yaml'),
          '--context',
          context,
          'auth',
          'whoami',
          '-o',
          'jsonpath={.status.userInfo.username}',
        ],
        {
          env: { PATH: process.env['PATH'], HOME: demoEnv().home, DBUS_SESSION_BUS_ADDRESS: process.env['DBUS_SESSION_BUS_ADDRESS'] },
        },
      );
    (await import('node:fs')).writeFileSync(join(demoEnv().home, 'all.yaml'), exported.stdout);
    expect((await kubectl('demo')).stdout).toBe('demo-admin');
    expect((await kubectl('demo-cert')).stdout).toBe('demo-cert-user');
  });
});
