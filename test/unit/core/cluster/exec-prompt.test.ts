import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ExecPrompt } from '../../../../electron/shared/ipc-contract.ts';
import { createCore } from '../../../../electron/core/core.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { MemorySecretStore } from '../../../fakes/memory-secret-store.ts';
import { writeFakePlugin } from '../../../support/fake-exec-plugin.ts';
import { kubeconfig, tempDir, writeFile } from '../../../support/kubedesk-fixtures.ts';

describe('exec plugins in the app (issue 5)', () => {
  it("a plugin's prompt on stderr reaches the window as contexts:exec-prompt instead of hanging on a terminal", async () => {
    const dir = tempDir();
    writeFakePlugin(dir);
    const file = writeFile(
      dir,
      'config',
      kubeconfig({
        current: 'x',
        clusters: [{ name: 'k', cluster: { server: 'https://127.0.0.1:1' } }],
        users: [
          {
            name: 'sso',
            user: {
              exec: {
                apiVersion: 'client.authentication.k8s.io/v1beta1',
                command: './kd-fake-plugin',
                env: [
                  { name: 'PLUGIN_TOKEN', value: 't' },
                  { name: 'PLUGIN_STDERR', value: 'To sign in, open https://login.example/device and enter ABCD-EFGH\n' },
                ],
              },
            },
          },
        ],
        contexts: [{ name: 'x', cluster: 'k', user: 'sso' }],
      }),
    );
    const core = createCore({
      sources: { files: [file], mustExist: false, origin: 'env' },
      log: silentLogger,
      host: 'electron',
      secrets: new MemorySecretStore(),
      home: join(dir, 'kd'),
    });
    onTestFinished(() => core.dispose());
    const prompts: ExecPrompt[] = [];
    core.events.on('contexts:exec-prompt', (p) => prompts.push(p));
    const health = await core.handlers['contexts:health']({ name: 'x' }, new AbortController().signal);
    expect(health).toMatchObject({ context: 'x', reachable: false, error: { code: 'unreachable' } });
    expect(prompts).toEqual([
      { user: 'sso', command: './kd-fake-plugin', text: 'To sign in, open https://login.example/device and enter ABCD-EFGH\n' },
    ]);
  });
});
