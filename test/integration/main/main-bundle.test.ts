// The built main process (out/main/index.js, which `npm test` builds first) run under Node with a
// stand-in `electron` module (fake-electron/electron.ts): Electron's binary cannot run here. This
// checks the composition root's wiring, which the unit tests of each policy module cannot: the
// order of the hardening calls, the window's options, app:// serving the real renderer, IPC reaching
// a real core on the demo cluster, hide-on-close, and a quit that stops every listener.
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP, APP_INDEX_URL } from '../../../electron/main/app-protocol.ts';
import { windowStateFile } from '../../../electron/main/window-state.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';
import { BUNDLE, ROOT, startApp, type Report, type RunningApp } from './app-harness.ts';
import * as fakeElectron from './fake-electron/electron.ts';

const env = demoEnvForSuite();

let app: RunningApp;

function dial(port: number): Promise<string> {
  return new Promise((done) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), done('connected')));
    s.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}

beforeAll(async () => {
  app = await startApp(env().kubeconfig);
});

afterAll(() => {
  if (app.child.exitCode === null) app.child.kill();
});

const evs = (): string[] => app.evs();
const next = (ev: string, test?: (r: Report) => boolean): Promise<Report> => app.next(ev, test);
const send = (command: Record<string, unknown>, ev?: string, test?: (r: Report) => boolean): Promise<Report> => app.send(command, ev, test);

describe('the built main process (stand-in Electron)', () => {
  it('runs against a stand-in that provides everything the bundle imports from electron', () => {
    const line = /^import \{([^}]+)\} from "electron";$/m.exec(readFileSync(BUNDLE, 'utf8'))?.[1] ?? '';
    const names = line.split(',').map((n) => n.trim().split(/\s+as\s+/)[0]);
    expect(names.length).toBeGreaterThan(5);
    expect(Object.keys(fakeElectron).sort()).toEqual([...names].sort());
  });

  it('registers app:// and turns the sandbox on before ready, and every hardening call happens before the window loads', () => {
    const schemes = app.reports.find((r) => r.ev === 'protocol.registerSchemesAsPrivileged');
    expect(schemes).toMatchObject({
      ready: false,
      schemes: [{ scheme: 'app', privileges: { standard: true, secure: true, bypassCSP: false } }],
    });
    expect(app.reports.find((r) => r.ev === 'app.enableSandbox')).toMatchObject({ ready: false });
    const load = evs().indexOf('window.loadURL');
    for (const ev of ['protocol.handle', 'menu.application', 'tray.created']) expect(evs().indexOf(ev), ev).toBeLessThan(load);
    expect(evs()).not.toContain('window.loadFile');
  });

  it('opens one sandboxed, isolated window on app://kubedesk/ with the remembered-size defaults', () => {
    expect(app.reports.find((r) => r.ev === 'window.loadURL')).toMatchObject({ url: APP_INDEX_URL });
    const created = app.reports.filter((r) => r.ev === 'window.created');
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

    app.child.stdin.write(`${JSON.stringify({ cmd: 'quit' })}\n`);
    expect(await app.exited).toBe(0);
    expect(evs().slice(-4)).toEqual(['window.closed', 'tray.destroyed', 'app.quit-held', 'app.exit']);
    for (const port of ports) expect(await dial(port)).toBe('ECONNREFUSED');
    expect(existsSync(windowStateFile(app.kubedeskHome))).toBe(true);
  });
});
