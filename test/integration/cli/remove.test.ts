import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';
import { secretToolAccounts } from '../../support/keyring.ts';

const demoEnv = demoEnvForSuite({ keyring: true });

describe('kubedesk remove (docs/cli.md)', () => {
  it('removes only imported contexts; kubeconfig ones and unknown names are exit-1 errors', async () => {
    const env = { ...demoEnv().env, KUBEDESK_HOME: join(demoEnv().kubedeskHome, 'rm'), KUBECONFIG: demoEnv().kubeconfig };
    expect(await runCli(['remove', 'demo'], { env })).toMatchObject({
      code: 1,
      stderr: 'error: context "demo" is not imported (see kubedesk contexts; kubeconfig contexts are edited with kubectl config)\n',
    });
    expect((await runCli(['import', demoEnv().kubeconfig, '--context', 'demo-basic'], { env: { ...env, KUBECONFIG: '' } })).code).toBe(0);
    // Other test files share the keyring: find this import's entry through the store.
    const store = JSON.parse(readFileSync(join(env.KUBEDESK_HOME, 'store.json'), 'utf8')) as {
      users: Array<{ secret: { account: string } }>;
    };
    const account = store.users[0]!.secret.account;
    expect(secretToolAccounts('KubeDesk')).toContain(account);
    expect(await runCli(['remove', 'demo-basic'], { env: { ...env, KUBECONFIG: '' } })).toMatchObject({
      code: 0,
      stdout: 'Removed context demo-basic\n',
    });
    expect(secretToolAccounts('KubeDesk')).not.toContain(account);
    expect((await runCli(['remove', 'demo-basic'], { env })).code).toBe(1);
    expect((await runCli(['remove'], { env })).code).toBe(2);
  });
});
