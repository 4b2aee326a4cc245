// The CLI's composition root: commands get the keychain, the app store and connections from one
// builder over the core's parts, and none of the app's side effects (watchers, forward autostart).
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cliAppCore, createCliCore } from '../../../electron/cli/cli-core.ts';
import type { CommandRun } from '../../../electron/cli/command.ts';
import { silentLogger } from '../../../electron/core/log.ts';

const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: a
clusters: [{name: c, cluster: {server: "https://c.example:6443"}}]
users: [{name: u, user: {token: t-123}}]
contexts: [{name: a, context: {cluster: c, user: u}}, {name: b, context: {cluster: c, user: u}}]
`;

function runIn(dir: string, values: CommandRun['values'] = {}): CommandRun {
  const kubeconfig = join(dir, 'config');
  writeFileSync(kubeconfig, KUBECONFIG);
  return {
    io: {
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      env: { HOME: dir, KUBECONFIG: kubeconfig, KUBEDESK_HOME: join(dir, 'kubedesk-home') },
      cwd: dir,
      color: false,
      stdinIsTTY: false,
    },
    values,
    positionals: [],
    signal: new AbortController().signal,
  };
}

describe('createCliCore (the CLI composition root)', () => {
  it("reaches the kubeconfig's contexts with kubectl's current-context rule", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kd-cli-core-'));
    const cli = createCliCore(runIn(dir), silentLogger);
    onTestFinished(() => cli.dispose());
    const { union } = await cli.connections.load();
    expect([...union.contexts.keys()].sort()).toEqual(['a', 'b']);
    expect(cli.home).toBe(join(dir, 'kubedesk-home'));
    const conn = await cli.connections.connect();
    onTestFinished(() => conn.dispose());
    expect(conn.context).toBe('a');
  });

  it('starts none of the app face: KUBEDESK_HOME is not even created (the app watches it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kd-cli-core-'));
    const cli = createCliCore(runIn(dir), silentLogger);
    await cli.connections.load();
    await cli.imported.read();
    cli.dispose();
    expect(existsSync(join(dir, 'kubedesk-home'))).toBe(false);

    // The app face on the same deps does (serve): the check above can see the difference.
    const app = await cliAppCore(runIn(dir), silentLogger);
    await app.dispose();
    expect(existsSync(join(dir, 'kubedesk-home'))).toBe(true);
  });

  it('gives the credential command a provider over imported contexts only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kd-cli-core-'));
    const cli = createCliCore(runIn(dir), silentLogger);
    onTestFinished(() => cli.dispose());
    const importedOnly = cli.connectionsOver({ files: [], mustExist: false, origin: 'env' });
    expect((await importedOnly.load()).union.contexts.size).toBe(0);
    await expect(importedOnly.connect('a')).rejects.toThrow('context was not found for specified context: a');
  });
});
