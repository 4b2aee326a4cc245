// The built main process (out/main/index.js, which `npm test` builds first) run under Node with a
// stand-in `electron` module (fake-electron/electron.ts): Electron's binary cannot run here. This
// checks the composition root's wiring, which the unit tests of each policy module cannot: the
// order of the hardening calls, the window's options, app:// serving the real renderer, IPC reaching
// a real core on the demo cluster, hide-on-close, and a quit that stops every listener.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP, APP_INDEX_URL } from '../../../electron/main/app-protocol.ts';
import { windowStateFile } from '../../../electron/main/window-state.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';
import * as fakeElectron from './fake-electron/electron.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const BUNDLE = join(ROOT, 'out/main/index.js');
const env = demoEnvForSuite();

type Report = { ev: string } & Record<string, unknown>;

let child: ChildProcessWithoutNullStreams;
let kubedeskHome: string;
const reports: Report[] = [];
const waiters: Array<{ test: (r: Report) => boolean; done: (r: Report) => void }> = [];
let exited: Promise<number | null>;

function next(ev: string, test: (r: Report) => boolean = () => true): Promise<Report> {
  const seen = reports.find((r) => r.ev === ev && test(r));
  if (seen) return Promise.resolve(seen);
  return new Promise((done) => waiters.push({ test: (r) => r.ev === ev && test(r), done }));
}

/** Sends a command and waits for the report it produces (`<cmd>.result`, or `ev`). */
function send(command: Record<string, unknown>, ev = `${String(command['cmd'])}.result`, test?: (r: Report) => boolean): Promise<Report> {
  const before = reports.length;
  const p = new Promise<Report>((done) =>
    waiters.push({ test: (r) => r.ev === ev && reports.indexOf(r) >= before && (test?.(r) ?? true), done }),
  );
  child.stdin.write(`${JSON.stringify(command)}\n`);
  return p;
}

function dial(port: number): Promise<string> {
  return new Promise((done) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), done('connected')));
    s.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}

beforeAll(async () => {
  expect(existsSync(BUNDLE), `${BUNDLE} is missing: run npm run build`).toBe(true);
  const tmp = mkdtempSync(join(tmpdir(), 'kd-main-'));
  kubedeskHome = join(tmp, 'kubedesk');
  child = spawn(process.execPath, ['--import', join(import.meta.dirname, 'fake-electron/electron.ts'), BUNDLE], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'],
      HOME: join(tmp, 'home'),
      KUBEDESK_HOME: kubedeskHome,
      KUBECONFIG: env().kubeconfig,
      SHELL: '/bin/sh',
      KUBEDESK_FAKE_ELECTRON: '1',
      // No session bus: the app's keychain calls fail (and are reported) instead of touching the
      // keyring other tests use.
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/kubedesk-test-bus',
    },
  });
  exited = new Promise((done) => child.once('exit', (code) => done(code)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const r = JSON.parse(line) as Report;
    reports.push(r);
    for (const w of [...waiters]) {
      if (w.test(r)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done(r);
      }
    }
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
  const died = exited.then((code) => Promise.reject(new Error(`main exited (${code}) before loading its window: ${stderr}`)));
  await Promise.race([next('window.loadURL'), died]);
});

afterAll(() => {
  if (child.exitCode === null) child.kill();
});

const evs = (): string[] => reports.map((r) => r.ev);

describe('the built main process (stand-in Electron)', () => {
  it('runs against a stand-in that provides everything the bundle imports from electron', () => {
    const line = /^import \{([^}]+)\} from "electron";$/m.exec(readFileSync(BUNDLE, 'utf8'))?.[1] ?? '';
    const names = line.split(',').map((n) => n.trim().split(/\s+as\s+/)[0]);
    expect(names.length).toBeGreaterThan(5);
    expect(Object.keys(fakeElectron).sort()).toEqual([...names].sort());
  });

  it('registers app:// and turns the sandbox on before ready, and every hardening call happens before the window loads', () => {
    const schemes = reports.find((r) => r.ev === 'protocol.registerSchemesAsPrivileged');
    expect(schemes).toMatchObject({
      ready: false,
      schemes: [{ scheme: 'app', privileges: { standard: true, secure: true, bypassCSP: false } }],
    });
    expect(reports.find((r) => r.ev === 'app.enableSandbox')).toMatchObject({ ready: false });
    const load = evs().indexOf('window.loadURL');
    for (const ev of ['protocol.handle', 'menu.application', 'tray.created']) expect(evs().indexOf(ev), ev).toBeLessThan(load);
    expect(evs()).not.toContain('window.loadFile');
  });

  it('opens one sandboxed, isolated window on app://kubedesk/ with the remembered-size defaults', () => {
    expect(reports.find((r) => r.ev === 'window.loadURL')).toMatchObject({ url: APP_INDEX_URL });
    const created = reports.filter((r) => r.ev === 'window.created');
    expect(created).toHaveLength(1);
    expect(created[0]?.['options']).toMatchObject({
      width: 1200,
      height: 760,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webviewTag: false,
        preload: join(ROOT, 'out/preload/index.cjs'),
      },
    });
  });

  it('serves the built renderer over app:// with the CSP header, and nothing outside it', async () => {
    expect(await send({ cmd: 'fetch', url: 'app://kubedesk/' })).toMatchObject({
      status: 200,
      csp: APP_CSP,
      body: expect.stringContaining('<div id="app">'),
    });
    expect(await send({ cmd: 'fetch', url: 'app://kubedesk/%2e%2e/main/index.js' })).toMatchObject({ status: 404 });
  });

  it('refuses permissions and navigation away, and sends web links to the browser', async () => {
    expect(await send({ cmd: 'permission', permission: 'media' })).toMatchObject({ granted: false, checked: false });
    expect(await send({ cmd: 'navigate', url: 'https://evil.example/' })).toMatchObject({
      prevented: { 'will-navigate': true, 'will-redirect': true, 'will-frame-navigate': true },
    });
    expect(await send({ cmd: 'navigate', url: `${APP_INDEX_URL}#/forwards` })).toMatchObject({ prevented: { 'will-navigate': false } });
    expect(await send({ cmd: 'window-open', url: 'https://kubernetes.io/' })).toMatchObject({ answer: { action: 'deny' } });
    await next('shell.openExternal', (r) => r['url'] === 'https://kubernetes.io/');
  });

  it('answers IPC from its own renderer with a real core; the tray follows; closing the window hides it; Quit frees every port', async () => {
    const spec = { context: 'demo', namespace: 'shop', target: 'svc/web', ports: [':80'] };
    const added = await send({ cmd: 'invoke', channel: 'kubedesk:forward:add', req: { spec }, from: APP_INDEX_URL });
    const forward = (added['result'] as { ok: boolean; value: { state: string; bindings: Array<{ local: number; address: string }> } })
      .value;
    expect(forward.state).toBe('active');
    const ports = forward.bindings.filter((b) => b.address === '127.0.0.1').map((b) => b.local);
    expect(ports.length).toBeGreaterThan(0);
    const foreign = await send({ cmd: 'invoke', channel: 'kubedesk:forward:list', from: 'https://evil.example/' });
    expect(foreign['result']).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await next('tray.tooltip', (r) => r['text'] === 'KubeDesk: 1 forward active');

    expect(await send({ cmd: 'close-window' })).toMatchObject({ closed: false });
    expect(evs()).toContain('window.hide');
    for (const port of ports) expect(await dial(port)).toBe('connected');

    child.stdin.write(`${JSON.stringify({ cmd: 'quit' })}\n`);
    expect(await exited).toBe(0);
    expect(evs().slice(-4)).toEqual(['window.closed', 'tray.destroyed', 'app.quit-held', 'app.exit']);
    for (const port of ports) expect(await dial(port)).toBe('ECONNREFUSED');
    expect(existsSync(windowStateFile(kubedeskHome))).toBe(true);
  });
});
