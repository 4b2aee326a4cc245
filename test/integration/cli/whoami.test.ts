import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';
import { kubeconfig, tempDir, writeFile } from '../../support/kubedesk-fixtures.ts';

const demoEnv = demoEnvForSuite({ keyring: false });

describe('kubedesk whoami', () => {
  it('answers for each auth kind of the demo kubeconfig, kubectl auth whoami style', async () => {
    const env = { ...demoEnv().env, KUBECONFIG: demoEnv().kubeconfig };
    expect(await runCli(['whoami'], { env })).toMatchObject({
      code: 0,
      stdout: 'Username: demo-admin\nGroups: [system:masters system:authenticated]\n',
      stderr: '',
    });
    expect((await runCli(['whoami', '--context', 'demo-basic'], { env })).stdout).toBe(
      'Username: demo\nGroups: [demo:viewers system:authenticated]\n',
    );
    const json = JSON.parse((await runCli(['whoami', '--context', 'demo-cert', '--json'], { env })).stdout) as {
      username: string;
      uid: string;
    };
    expect(json.username).toBe('demo-cert-user');
  });

  it('runs an exec plugin from the kubeconfig (the plugin hands out the demo token)', async () => {
    const dir = tempDir();
    const plugin = writeFile(
      dir,
      'get-token.sh',
      `#!/bin/sh\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"'"$DEMO_TOKEN"'"}}'\n`,
    );
    (await import('node:fs')).chmodSync(plugin, 0o755);
    const file = writeFile(
      dir,
      'config',
      kubeconfig({
        current: 'x',
        clusters: [
          {
            name: 'demo',
            cluster: { server: demoEnv().demo.url, 'certificate-authority-data': Buffer.from(demoEnv().demo.caPem).toString('base64') },
          },
        ],
        users: [
          {
            name: 'p',
            user: {
              exec: {
                apiVersion: 'client.authentication.k8s.io/v1',
                command: './get-token.sh',
                interactiveMode: 'Never',
                env: [{ name: 'DEMO_TOKEN', value: demoEnv().demo.credentials.token }],
              },
            },
          },
        ],
        contexts: [{ name: 'x', cluster: 'demo', user: 'p' }],
      }),
    );
    const r = await runCli(['whoami', '--kubeconfig', file], { env: demoEnv().env });
    expect(r).toMatchObject({ code: 0, stdout: 'Username: demo-admin\nGroups: [system:masters system:authenticated]\n' });
  });

  it("errors: unknown context, kubectl's text for a refused connection, a missing plugin's installHint", async () => {
    const env = { ...demoEnv().env, KUBECONFIG: demoEnv().kubeconfig };
    expect(await runCli(['whoami', '--context', 'nope'], { env })).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'error: context was not found for specified context: nope\n',
    });
    const dir = tempDir();
    const refused = writeFile(
      dir,
      'config',
      kubeconfig({
        current: 'x',
        clusters: [{ name: 'k', cluster: { server: 'https://127.0.0.1:1' } }],
        users: [{ name: 'u', user: { token: 't' } }],
        contexts: [{ name: 'x', cluster: 'k', user: 'u' }],
      }),
    );
    expect(await runCli(['whoami', '--kubeconfig', refused], { env: demoEnv().env })).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'error: The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?\n',
    });
    const missing = writeFile(
      dir,
      'missing',
      kubeconfig({
        current: 'x',
        clusters: [{ name: 'k', cluster: { server: demoEnv().demo.url } }],
        users: [
          {
            name: 'u',
            user: {
              exec: {
                apiVersion: 'client.authentication.k8s.io/v1',
                command: 'kd-nosuch-plugin',
                interactiveMode: 'Never',
                installHint: 'brew install kd-nosuch-plugin',
              },
            },
          },
        ],
        contexts: [{ name: 'x', cluster: 'k', user: 'u' }],
      }),
    );
    const r = await runCli(['whoami', '--kubeconfig', missing], { env: demoEnv().env });
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/^error: exec: executable kd-nosuch-plugin not found\n/);
    // kubectl ends the message with the plugin's installHint (client-go/plugin/pkg/client/auth/exec/exec.go).
    expect(r.stderr.trimEnd().endsWith('brew install kd-nosuch-plugin')).toBe(true);
  });
});
