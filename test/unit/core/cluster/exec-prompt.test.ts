import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ExecPrompt } from '../../../../electron/shared/ipc-contract.ts';
import { createCore, type Core } from '../../../../electron/core/core.ts';
import type { Logger } from '../../../../electron/core/log.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { MemorySecretStore } from '../../../fakes/memory-secret-store.ts';
import { startRecordingApiserver } from '../../../fakes/recording-apiserver.ts';
import { writeFakePlugin } from '../../../support/fake-exec-plugin.ts';
import { kubeconfig, tempDir, writeFile } from '../../../support/kubedesk-fixtures.ts';

/** A device-code style plugin: asks on stderr, reads one line from stdin, answers with a token made from it. */
function writeReadingPlugin(dir: string): string {
  const path = join(dir, 'kd-login-plugin');
  writeFileSync(
    path,
    `#!${process.execPath}
const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'interactive'))}, String(info.spec.interactive));
process.stderr.write('To sign in, enter the code shown at https://login.example/device:\\n');
let line = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  line += d;
  if (!line.includes('\\n')) return;
  process.stdout.write(JSON.stringify({ apiVersion: info.apiVersion, kind: 'ExecCredential', status: { token: 'tok-' + line.trim() } }));
  process.exit(0);
});
process.stdin.on('end', () => process.exit(3));
`,
  );
  chmodSync(path, 0o755);
  return path;
}

function capturingLogger(lines: string[]): Logger {
  const rec =
    (level: string) =>
    (msg: string, fields?: object): void =>
      void lines.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
  return { ...silentLogger, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') };
}

async function coreWith(
  user: Record<string, unknown>,
  opts: { log?: Logger } = {},
): Promise<{ core: Core; dir: string; api: Awaited<ReturnType<typeof startRecordingApiserver>> }> {
  const dir = tempDir();
  const api = await startRecordingApiserver();
  onTestFinished(() => api.dispose());
  const file = writeFile(
    dir,
    'config',
    kubeconfig({
      current: 'x',
      clusters: [{ name: 'k', cluster: { server: api.url, 'certificate-authority-data': Buffer.from(api.caPem).toString('base64') } }],
      users: [{ name: 'sso', user }],
      contexts: [{ name: 'x', cluster: 'k', user: 'sso' }],
    }),
  );
  const core = createCore({
    sources: { files: [file], mustExist: false, origin: 'env' },
    log: opts.log ?? silentLogger,
    host: 'electron',
    secrets: new MemorySecretStore(),
    home: join(dir, 'kd'),
  });
  onTestFinished(() => core.dispose());
  return { core, dir, api };
}

describe('exec plugins in the app', () => {
  it("a non-interactive plugin's stderr reaches the window as contexts:exec-prompt, with nothing to answer", async () => {
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
                apiVersion: 'client.authentication.k8s.io/v1',
                interactiveMode: 'Never',
                command: './kd-fake-plugin',
                env: [
                  { name: 'PLUGIN_TOKEN', value: 't' },
                  { name: 'PLUGIN_STDERR', value: 'Open https://login.example/device in a browser\n' },
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
    expect(prompts).toEqual([{ user: 'sso', command: './kd-fake-plugin', text: 'Open https://login.example/device in a browser\n' }]);
  });

  it('interactiveMode Always: the window is asked (prompt id + stderr), the answer goes to the plugin stdin, never to events or logs', async () => {
    const logs: string[] = [];
    const dirForPlugin = tempDir();
    const plugin = writeReadingPlugin(dirForPlugin);
    const { core, api } = await coreWith(
      { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Always' } },
      { log: capturingLogger(logs) },
    );
    const events: string[] = [];
    const prompts: ExecPrompt[] = [];
    core.events.on('contexts:exec-prompt', (p) => {
      prompts.push(p);
      events.push(JSON.stringify(p));
      if (p.id && !p.done && prompts.filter((q) => q.id === p.id).length === 1) {
        void core.handlers['contexts:exec-answer']({ id: p.id, text: 'planted-code-4711' }, new AbortController().signal);
      }
    });
    core.events.on('contexts:changed', (s) => events.push(JSON.stringify(s)));
    await core.handlers['contexts:health']({ name: 'x' }, new AbortController().signal);
    expect(readFileSync(join(dirForPlugin, 'interactive'), 'utf8')).toBe('true');
    expect(api.requests.length).toBeGreaterThan(0);
    expect(api.requests[0]!.headers['authorization']).toBe('Bearer tok-planted-code-4711');
    const id = prompts[0]!.id!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(prompts[0]).toEqual({
      id,
      user: 'sso',
      command: plugin,
      text: 'To sign in, enter the code shown at https://login.example/device:\n',
    });
    expect(prompts.at(-1)).toMatchObject({ id, done: true });
    expect(events.join('\n') + logs.join('\n')).not.toContain('planted-code-4711');
  });

  it('an answer for a plugin that has exited is refused as not-found', async () => {
    const { core } = await coreWith({ token: 't' });
    await expect(core.handlers['contexts:exec-answer']({ id: 'gone', text: 'x' }, new AbortController().signal)).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});
