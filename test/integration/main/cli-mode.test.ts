// The built main process (out/main/index.js) started as the `kubedesk` command, under Node with the
// stand-in electron module (fake-electron/electron.ts): `KubeDesk --kubedesk-cli [--] ARGS` runs the
// CLI with the process's stdio and exits with its status before the app does anything else: no
// single-instance lock, no hardening calls, no window, menu or tray (docs/desktop.md, The `kubedesk`
// command with RunAsNode off). kubectl reads the same kubeconfig as the oracle.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { APP_VERSION } from '../../../electron/core/app-info.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const BUNDLE = join(ROOT, 'out/main/index.js');
const FAKE_ELECTRON = join(import.meta.dirname, 'fake-electron/electron.ts');

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: alpha
  cluster: {server: 'https://127.0.0.1:6443'}
- name: beta
  cluster: {server: 'https://10.0.0.2:443'}
users:
- name: alpha-admin
  user: {token: not-a-real-token}
contexts:
- name: alpha
  context: {cluster: alpha, user: alpha-admin, namespace: shop}
- name: beta-ro
  context: {cluster: beta, user: alpha-admin}
current-context: beta-ro
`;

interface AppRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** What the app did, as the stand-in electron module reported it. */
  evs: Array<{ ev: string } & Record<string, unknown>>;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-cli-mode-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `KubeDesk ARGS` with the stand-in Electron (as `electron out/main/index.js ARGS`). */
function runApp(args: string[], env: NodeJS.ProcessEnv = {}): Promise<AppRun> {
  const dir = tempDir();
  const reports = join(dir, 'reports.jsonl');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', FAKE_ELECTRON, BUNDLE, ...args], {
      cwd: dir,
      env: {
        PATH: process.env['PATH'],
        HOME: join(dir, 'home'),
        KUBEDESK_HOME: join(dir, 'kubedesk'),
        KUBEDESK_FAKE_ELECTRON: '1',
        KUBEDESK_FAKE_ELECTRON_REPORTS: reports,
        NO_COLOR: '1',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end();
    child.on('error', fail);
    child.on('close', (code) => {
      const lines = existsSync(reports) ? readFileSync(reports, 'utf8').split('\n').filter(Boolean) : [];
      done({ code, stdout, stderr, evs: lines.map((l) => JSON.parse(l) as AppRun['evs'][number]) });
    });
  });
}

function kubeconfigFile(): string {
  const file = join(tempDir(), 'config');
  writeFileSync(file, KUBECONFIG, { mode: 0o600 });
  return file;
}

describe('the app binary as the `kubedesk` command (built main, stand-in Electron)', () => {
  it('--kubedesk-cli --version prints the version and exits 0 before ready, with no lock, hardening, window, menu or tray', async () => {
    expect(existsSync(BUNDLE), `${BUNDLE} is missing: run npm run build`).toBe(true);
    const r = await runApp(['--kubedesk-cli', '--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${APP_VERSION}\n`, stderr: '' });
    // Only the Dock hiding (macOS) and the exit: nothing else of the app ran.
    expect(r.evs).toEqual([
      { ev: 'app.dock.hide', ready: false },
      { ev: 'app.exit', code: 0, ready: false },
    ]);
  });

  it('contexts --json through the shim separator lists what kubectl lists from the same KUBECONFIG', async () => {
    const kubeconfig = kubeconfigFile();
    const r = await runApp(['--kubedesk-cli', '--ozone-platform=headless', '--', 'contexts', '--json'], { KUBECONFIG: kubeconfig });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.stdout) as Array<{ name: string; current: boolean; namespace?: string }>;
    const oracle = execFileSync('kubectl', ['config', 'get-contexts', '-o', 'name'], {
      env: { PATH: process.env['PATH'], KUBECONFIG: kubeconfig, HOME: tempDir() },
      encoding: 'utf8',
    });
    expect(listed.map((c) => c.name).sort()).toEqual(oracle.trim().split('\n').sort());
    expect(listed.find((c) => c.current)?.name).toBe('beta-ro');
    expect(r.stdout).not.toContain('not-a-real-token');
    expect(r.evs.map((e) => e.ev)).toEqual(['app.dock.hide', 'app.exit']);
  });

  it("passes the CLI's errors and exit status through (2 usage, 1 error), on stderr", async () => {
    const unknown = await runApp(['--kubedesk-cli', '--', 'no-such-command'], { KUBECONFIG: kubeconfigFile() });
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toBe("error: unknown command 'no-such-command'\nRun 'kubedesk --help' for usage.\n");
    expect(unknown.evs.at(-1)).toEqual({ ev: 'app.exit', code: 2, ready: false });

    const missing = await runApp(['--kubedesk-cli', '--', 'whoami', '--context', 'no-such-context'], { KUBECONFIG: kubeconfigFile() });
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: 'error: context was not found for specified context: no-such-context\n' });
    expect(missing.evs.at(-1)).toEqual({ ev: 'app.exit', code: 1, ready: false });
  });

  it('`serve` serves the built renderer from the bundle, and Ctrl-C stops it with status 0', async () => {
    const dir = tempDir();
    const reports = join(dir, 'reports.jsonl');
    const child = spawn(
      process.execPath,
      ['--import', FAKE_ELECTRON, BUNDLE, '--kubedesk-cli', '--', 'serve', '--no-open', '--port', '0'],
      {
        cwd: dir,
        env: {
          PATH: process.env['PATH'],
          HOME: dir,
          KUBEDESK_HOME: join(dir, 'kubedesk'),
          KUBECONFIG: kubeconfigFile(),
          KUBEDESK_FAKE_ELECTRON: '1',
          KUBEDESK_FAKE_ELECTRON_REPORTS: reports,
        },
      },
    );
    onTestFinished(() => void child.kill('SIGKILL'));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const url = await new Promise<string>((done) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /https?:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) done(m[0]);
      });
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(readFileSync(reports, 'utf8')).toContain('{"ev":"app.exit","code":0,"ready":false}');
  });

  it('a normal launch still runs the app (the flag must come first)', async () => {
    const child = spawn(process.execPath, ['--import', FAKE_ELECTRON, BUNDLE, '--no-sandbox', '--kubedesk-cli', '--version'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'], HOME: tempDir(), KUBEDESK_FAKE_ELECTRON: '1', KUBECONFIG: kubeconfigFile() },
    });
    onTestFinished(() => void child.kill());
    const first = await new Promise<string>((done) => child.stdout.once('data', (d: Buffer) => done(d.toString())));
    expect(first).not.toContain(APP_VERSION);
    expect(first).toContain('"ev":');
  });

  it('bundles the CLI as JavaScript chunks the app loads only as the command: no TypeScript left to strip at run time', () => {
    const main = readFileSync(BUNDLE, 'utf8');
    expect(main).not.toContain('Usage: kubedesk COMMAND');
    const chunks = readdirSync(join(ROOT, 'out/main'))
      .filter((f) => f.endsWith('.js') && f !== 'index.js')
      .map((f) => readFileSync(join(ROOT, 'out/main', f), 'utf8'));
    expect(chunks.some((c) => c.includes('Usage: kubedesk COMMAND'))).toBe(true);
    for (const code of [main, ...chunks]) expect(code).not.toMatch(/(from\s*|import\()\s*["'][^"']+\.ts["']/);
  });
});
