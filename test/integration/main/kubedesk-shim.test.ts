// The `kubedesk` command's shims (build/bin; docs/desktop.md, The `kubedesk` command with RunAsNode
// off), run as installed: copied into the Linux and macOS install layouts and reached through the
// links the deb (update-alternatives) and the macOS menu item make. A stand-in app binary records
// what it was started with; then the stand-in is the built main under Node (fake-electron), and
// kubectl runs an exported kubeconfig whose exec entry is the shim. No real Electron exists here:
// the stand-ins show what the shims start, not what Electron's V8 makes of --js-flags
// (docs/desktop.md).
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../../../electron/cli/commands/index.ts';
import { APP_VERSION } from '../../../electron/core/app-info.ts';
import { importCandidates } from '../../../electron/core/kubeconfig/import-candidates.ts';
import { silentLogger } from '../../../electron/core/log.ts';
import { AppStore } from '../../../electron/core/store/app-store.ts';
import { ImportedContexts } from '../../../electron/core/store/imported-contexts.ts';
import { MemorySecretStore } from '../../fakes/memory-secret-store.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';
import { NO_KEYCHAIN_ENV } from '../../support/keyring.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const SHIM = join(ROOT, 'build/bin/kubedesk');
const demoEnv = demoEnvForSuite();

/**
 * A string-array constant of the development bin, read from its text: importing it would run the
 * CLI. The shims' flags and commands must stay equal to these (docs/cli.md, Memory).
 */
function binList(name: 'LONG_RUNNING' | 'MEMORY_FLAGS'): string[] {
  const text = readFileSync(join(ROOT, 'electron/cli/kubedesk.mjs'), 'utf8');
  const list = new RegExp(`^const ${name} = \\[([^\\]]*)\\];$`, 'm').exec(text)?.[1];
  expect(list, `${name} in electron/cli/kubedesk.mjs`).toBeDefined();
  return list!.split(',').map((item) => /^\s*'([^']+)'\s*$/.exec(item)![1]!);
}
const LONG_RUNNING = binList('LONG_RUNNING');
const JS_FLAGS = `--js-flags=${binList('MEMORY_FLAGS').join(' ')}`;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-shim-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function writeExecutable(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

/** A stand-in app binary: records its argv (NUL-separated), KUBEDESK_CLI and environment, exits 7. */
const RECORDING_APP = `#!/bin/sh
printf '%s\\0' "$0" "$@" > "$FAKE_APP_OUT"
printf '%s' "$KUBEDESK_CLI" > "$FAKE_APP_OUT.cli"
env > "$FAKE_APP_OUT.env"
exit 7
`;

/** /opt/KubeDesk as the deb installs it, with /usr/bin/kubedesk → /etc/alternatives/kubedesk → the shim. */
function linuxInstall(root: string, app: string): { command: string; appPath: string } {
  const opt = join(root, 'opt/KubeDesk');
  const shim = join(opt, 'resources/bin/kubedesk');
  mkdirSync(dirname(shim), { recursive: true });
  copyFileSync(SHIM, shim);
  chmodSync(shim, 0o755);
  writeExecutable(join(opt, 'kubedesk'), app);
  mkdirSync(join(root, 'etc/alternatives'), { recursive: true });
  symlinkSync(shim, join(root, 'etc/alternatives/kubedesk'));
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  symlinkSync(join(root, 'etc/alternatives/kubedesk'), join(root, 'usr/bin/kubedesk'));
  return { command: join(root, 'usr/bin/kubedesk'), appPath: join(opt, 'kubedesk') };
}

function run(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { code: number | null; argv: string[]; cli: string; env: string[] } {
  const out = join(tempDir(), 'argv');
  const r = spawnSync(command, args, { cwd: opts.cwd ?? '/', env: { PATH: process.env['PATH'], FAKE_APP_OUT: out, ...opts.env } });
  expect(r.stderr.toString()).toBe('');
  return {
    code: r.status,
    argv: readFileSync(out, 'utf8').split('\0').slice(0, -1),
    cli: readFileSync(`${out}.cli`, 'utf8'),
    // The names only; PWD is the stand-in shell's own.
    env: readFileSync(`${out}.env`, 'utf8')
      .split('\n')
      .map((line) => line.split('=')[0]!)
      .filter((name) => name && name !== 'PWD')
      .sort(),
  };
}

const USER_ARGS = ['url', 'arn:aws:eks:eu-west-1:1:cluster/a', 'two words', '', "it's", '--remote-debugging-port=9222', '--'];

describe('the `kubedesk` shim (build/bin/kubedesk)', () => {
  it('Linux: through the deb’s links, runs the app binary as the command on Ozone’s headless platform, arguments untouched after --', () => {
    const root = tempDir();
    const { command, appPath } = linuxInstall(root, RECORDING_APP);
    const r = run(command, USER_ARGS);
    expect(r.code).toBe(7);
    expect(r.argv).toEqual([appPath, '--kubedesk-cli', '--ozone-platform=headless', '--', ...USER_ARGS]);
    // Exported kubeconfigs call the path the shim was started by, not where the links lead.
    expect(r.cli).toBe(command);
  });

  it("gives the development bin's long-running commands its V8 flags as one --js-flags before --, and no other command", () => {
    const root = tempDir();
    const { command, appPath } = linuxInstall(root, RECORDING_APP);
    for (const { name } of COMMANDS) {
      const args = [name, '--context', 'two words', '--', 'x'];
      const switches = LONG_RUNNING.includes(name) ? [JS_FLAGS, '--ozone-platform=headless'] : ['--ozone-platform=headless'];
      expect(run(command, args).argv, name).toEqual([appPath, '--kubedesk-cli', ...switches, '--', ...args]);
    }
    // Only the first argument names the command (electron/cli/main.ts).
    for (const args of [[], [''], ['--help', 'proxy'], ['proxyx'], ['Proxy'], ['--', 'proxy']]) {
      expect(run(command, args).argv).toEqual([appPath, '--kubedesk-cli', '--ozone-platform=headless', '--', ...args]);
    }
  });

  it("passes the caller's environment plus KUBEDESK_CLI: none of the development bin's allocator variables", () => {
    const root = tempDir();
    const { command } = linuxInstall(root, RECORDING_APP);
    for (const name of ['proxy', 'contexts']) {
      expect(run(command, [name], { env: { KD_USER_VAR: 'kept' } }).env).toEqual(['FAKE_APP_OUT', 'KD_USER_VAR', 'KUBEDESK_CLI', 'PATH']);
    }
  });

  it('names an absolute KUBEDESK_CLI when started through PATH or by a relative path', () => {
    const root = tempDir();
    const { command } = linuxInstall(root, RECORDING_APP);
    const viaPath = run('kubedesk', ['contexts'], { env: { PATH: `${join(root, 'usr/bin')}:${process.env['PATH']}` } });
    expect(viaPath.cli).toBe(command);
    expect(run('./bin/kubedesk', ['contexts'], { cwd: join(root, 'usr') }).cli).toBe(command);
  });

  it("macOS: through /usr/local/bin's link into KubeDesk.app, runs Contents/MacOS/KubeDesk without Linux's switch", () => {
    const root = tempDir();
    const contents = join(root, 'Applications/KubeDesk.app/Contents');
    const shim = join(contents, 'Resources/bin/kubedesk');
    mkdirSync(dirname(shim), { recursive: true });
    copyFileSync(SHIM, shim);
    chmodSync(shim, 0o755);
    writeExecutable(join(contents, 'MacOS/KubeDesk'), RECORDING_APP);
    const link = join(root, 'usr/local/bin/kubedesk');
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(shim, link);
    const r = run(link, USER_ARGS);
    expect(r).toMatchObject({ code: 7, argv: [join(contents, 'MacOS/KubeDesk'), '--kubedesk-cli', '--', ...USER_ARGS], cli: link });
    expect(run(link, ['forward', 'svc/web', '8080:80']).argv).toEqual([
      join(contents, 'MacOS/KubeDesk'),
      '--kubedesk-cli',
      JS_FLAGS,
      '--',
      'forward',
      'svc/web',
      '8080:80',
    ]);
  });

  it('kubedesk.cmd (Windows, checked as text: no cmd.exe here): KubeDesk.exe two folders up, the arguments after --, its own path as KUBEDESK_CLI, the exit status kept, the long-running commands with the V8 flags', () => {
    const cmd = readFileSync(join(ROOT, 'build/bin/kubedesk.cmd'), 'utf8');
    expect(cmd.split('\r\n').at(-1)).toBe('');
    expect(cmd.replaceAll('\r\n', '')).not.toContain('\n');
    // cmd expands %… even in rem lines, where a malformed %~ stops the script.
    expect(cmd.split('\r\n').filter((l) => /^rem\b/i.test(l) && l.includes('%'))).toEqual([]);
    const lines = cmd.split('\r\n').filter((l) => l && !/^rem\b/i.test(l));
    // Chromium on Windows reads GetCommandLineW as CommandLineToArgvW does: the quoted
    // "--js-flags=A B" is one switch (base/command_line.cc).
    expect(lines).toEqual([
      '@echo off',
      'setlocal',
      'set "KUBEDESK_CLI=%~f0"',
      `for %%c in (${LONG_RUNNING.join(' ')}) do if "%~1"=="%%c" goto memory`,
      '"%~dp0..\\..\\KubeDesk.exe" --kubedesk-cli -- %*',
      'exit /b %ERRORLEVEL%',
      ':memory',
      `"%~dp0..\\..\\KubeDesk.exe" --kubedesk-cli "${JS_FLAGS}" -- %*`,
      'exit /b %ERRORLEVEL%',
    ]);
  });
});

describe('the shim in front of the built main (stand-in Electron)', () => {
  /**
   * The app binary: the built main under Node with the stand-in electron module. Like Electron's
   * main process, it gives V8 the flags of a --js-flags before `--`, split at spaces
   * (shell/browser/javascript_environment.cc); Node refuses a flag V8 does not know (exit 9).
   */
  function builtApp(reports: string): string {
    const fake = join(import.meta.dirname, 'fake-electron/electron.ts');
    const q = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
    return `#!/bin/sh
v8=
for a; do
  case $a in
    --) break ;;
    --js-flags=*) v8=\${a#--js-flags=} ;;
  esac
done
KUBEDESK_FAKE_ELECTRON=1 KUBEDESK_FAKE_ELECTRON_REPORTS=${q(reports)} exec ${q(process.execPath)} $v8 --import ${q(fake)} ${q(join(ROOT, 'out/main/index.js'))} "$@"
`;
  }

  it('`kubedesk --version` prints the version', () => {
    const root = tempDir();
    const { command } = linuxInstall(root, builtApp(join(root, 'reports')));
    const r = spawnSync(command, ['--version'], { encoding: 'utf8', env: { PATH: process.env['PATH'] } });
    expect(r).toMatchObject({ status: 0, stdout: `${APP_VERSION}\n`, stderr: '' });
  });

  it('`kubedesk proxy --help` starts with the V8 flags and gives the CLI only what follows --', () => {
    const root = tempDir();
    const { command } = linuxInstall(root, builtApp(join(root, 'reports')));
    const r = spawnSync(command, ['proxy', '--help'], { encoding: 'utf8', env: { PATH: process.env['PATH'] } });
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Usage: kubedesk proxy /);
  });

  it('export-kubeconfig names the shim as the exec command, and kubectl reaches `kubedesk credential` through it', async () => {
    const root = tempDir();
    const { command } = linuxInstall(root, builtApp(join(root, 'reports')));
    const home = join(root, 'kubedesk-home');
    const file = demoEnv().kubeconfig;
    const imported = new ImportedContexts({ store: new AppStore({ home }), secrets: new MemorySecretStore(), log: silentLogger });
    await imported.import(importCandidates({ label: file, dir: dirname(file), text: readFileSync(file, 'utf8') }, undefined), file);

    const out = join(root, 'demo.yaml');
    const env = { ...demoEnv().env, PATH: process.env['PATH'], KUBEDESK_HOME: home, ...NO_KEYCHAIN_ENV };
    // Async: the demo cluster answers from this process.
    const exported = await promisify(execFile)(command, ['export-kubeconfig', '--context', 'demo', '-o', out], { env });
    expect(exported).toEqual({ stdout: '', stderr: '' });
    const doc = parse(readFileSync(out, 'utf8')) as { users: Array<{ user: { exec: { command: string; args: string[] } } }> };
    expect(doc.users[0]?.user.exec).toMatchObject({ command, args: ['credential', '--context', 'demo'] });

    // kubectl → /usr/bin/kubedesk → the app as the command → `credential` → the keychain (none here).
    const viaKubectl = promisify(execFile)('kubectl', ['--kubeconfig', out, 'get', 'svc', '-A'], {
      env: { PATH: process.env['PATH'], HOME: demoEnv().home, ...NO_KEYCHAIN_ENV },
    });
    await expect(viaKubectl).rejects.toMatchObject({ stderr: expect.stringMatching(/^error: no OS keychain available \(/m) });
  });
});
