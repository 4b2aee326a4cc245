// A stand-in for the `electron` module, for running the built main bundle (out/main/index.js) under
// plain Node: Electron's binary cannot be downloaded or run here. `KUBEDESK_FAKE_ELECTRON=1 node
// --import ./electron.ts out/main/index.js` makes it answer the bundle's `import … from 'electron'`. Only what main uses exists. Every
// call that matters is reported as one JSON line on stdout; the test drives the app with JSON
// commands on stdin (invoke an IPC channel, fetch an app:// URL, navigate, close the window, quit).
// Like Electron, `app` emits `web-contents-created` for each window and cancels a quit when a
// window refuses to close.
// Run as the `kubedesk` command (`--kubedesk-cli`), stdout is the CLI's: KUBEDESK_FAKE_ELECTRON_REPORTS
// then names a file that receives the reports instead.
import { EventEmitter } from 'node:events';
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { createInterface } from 'node:readline';

let isReady = false;
const reportFile = process.env['KUBEDESK_FAKE_ELECTRON_REPORTS'];
const report = (ev: string, data: Record<string, unknown> = {}): void => {
  const line = `${JSON.stringify({ ev, ...data })}\n`;
  if (reportFile) appendFileSync(reportFile, line);
  else process.stdout.write(line);
};

interface Preventable {
  prevented: boolean;
  preventDefault(): void;
}
const preventable = (extra: Record<string, unknown> = {}): Preventable & Record<string, unknown> => {
  const e = { prevented: false, preventDefault: () => void (e.prevented = true), ...extra };
  return e;
};

class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'KubeDesk';
  #resolveReady: () => void = () => {};
  readonly #ready = new Promise<void>((resolve) => (this.#resolveReady = resolve));

  enableSandbox(): void {
    report('app.enableSandbox', { ready: isReady });
  }
  /** As on macOS, where Electron defines it (undefined elsewhere). */
  readonly dock = { hide: (): void => report('app.dock.hide', { ready: isReady }) };
  setAsDefaultProtocolClient(scheme: string): boolean {
    report('app.setAsDefaultProtocolClient', { scheme });
    return true;
  }
  requestSingleInstanceLock(): boolean {
    report('app.requestSingleInstanceLock');
    return true;
  }
  /** Ready on the turn after main first asks, as Electron's `ready` comes after the main script's first turn. */
  whenReady(): Promise<void> {
    setImmediate(() => this.markReady());
    return this.#ready;
  }
  getPath(_name: string): string {
    return process.env['HOME'] ?? '/';
  }
  getAppPath(): string {
    return process.cwd();
  }
  markReady(): void {
    isReady = true;
    this.#resolveReady();
  }
  quit(): void {
    this.emit('before-quit', preventable());
    for (const w of BrowserWindow.getAllWindows()) {
      if (!w.close()) return report('app.quit-cancelled');
    }
    const e = preventable();
    this.emit('will-quit', e);
    if (e.prevented) return report('app.quit-held');
    report('app.exit');
    process.exit(0);
  }
  /** Before the message loop runs, Electron's exit ends the process at once (browser.cc Browser::Exit). */
  exit(code = 0): void {
    report('app.exit', { code, ready: isReady });
    process.exit(code);
  }
}
export const app = new FakeApp();

class FakeWebContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.openHandler = h;
  }
  send(channel: string): void {
    report('webContents.send', { channel });
  }
  isDestroyed(): boolean {
    return false;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly all: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }
  readonly webContents = new FakeWebContents();
  readonly options: Record<string, unknown>;
  destroyed = false;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    BrowserWindow.all.push(this);
    report('window.created', { options });
    app.emit('web-contents-created', preventable(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    report('window.loadURL', { url });
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  loadFile(file: string): Promise<void> {
    report('window.loadFile', { file });
    return Promise.resolve();
  }
  show(): void {
    report('window.show');
  }
  hide(): void {
    report('window.hide');
  }
  focus(): void {}
  restore(): void {}
  maximize(): void {}
  isMinimized(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return {
      x: Number(this.options['x'] ?? 100),
      y: Number(this.options['y'] ?? 80),
      width: Number(this.options['width']),
      height: Number(this.options['height']),
    };
  }
  /** True when it closed; a listener may keep it open (KubeDesk hides to the tray instead). */
  close(): boolean {
    const e = preventable();
    this.emit('close', e);
    if (e.prevented) return false;
    this.destroyed = true;
    this.emit('closed');
    report('window.closed');
    return true;
  }
}

type Handler = (event: { senderFrame: { url: string } }, req: unknown) => Promise<unknown>;
const handlers = new Map<string, Handler>();
export const ipcMain = {
  handle: (channel: string, h: Handler): void => void handlers.set(channel, h),
  removeHandler: (channel: string): void => void handlers.delete(channel),
};

let appProtocol: ((request: Request) => Promise<Response>) | undefined;
export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]): void => report('protocol.registerSchemesAsPrivileged', { schemes, ready: isReady }),
  handle: (scheme: string, h: (request: Request) => Promise<Response>): void => {
    appProtocol = h;
    report('protocol.handle', { scheme });
  },
};

type RequestHandler = (c: unknown, p: string, cb: (granted: boolean) => void) => void;
type CheckHandler = (c: unknown, p: string) => boolean;
let requestHandler: RequestHandler | undefined;
let checkHandler: CheckHandler | undefined;
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h: RequestHandler): void => void (requestHandler = h),
    setPermissionCheckHandler: (h: CheckHandler): void => void (checkHandler = h),
  },
};

type Template = Array<{ label?: string; role?: string; submenu?: Template; enabled?: boolean }>;
const labels = (t: Template): unknown[] =>
  t.map((i) => (i.submenu ? { [i.label ?? i.role ?? '?']: labels(i.submenu) } : (i.label ?? i.role ?? '-')));
export const Menu = {
  buildFromTemplate: (template: Template): { template: Template } => ({ template }),
  setApplicationMenu: (menu: { template: Template }): void => report('menu.application', { menu: labels(menu.template) }),
};

export class Tray extends EventEmitter {
  constructor(icon: { path: string }) {
    super();
    report('tray.created', { icon: icon.path });
  }
  setContextMenu(menu: { template: Template }): void {
    report('tray.menu', { menu: labels(menu.template) });
  }
  setToolTip(text: string): void {
    report('tray.tooltip', { text });
  }
  destroy(): void {
    report('tray.destroyed');
  }
}

export const nativeImage = { createFromPath: (path: string) => ({ path, setTemplateImage: (): void => {} }) };

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }
  readonly options: unknown;
  constructor(options: unknown) {
    super();
    this.options = options;
  }
  show(): void {
    report('notification', { options: this.options });
  }
}

export const dialog = {
  showMessageBox: (options: unknown): Promise<{ response: number }> =>
    Promise.resolve((report('dialog.messageBox', { options }), { response: 0 })),
};

export const powerMonitor = new EventEmitter();
const display = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
export const screen = { getPrimaryDisplay: () => display, getAllDisplays: () => [display] };
export const shell = {
  openExternal: (url: string): Promise<void> => Promise.resolve(report('shell.openExternal', { url })),
  openPath: (path: string): Promise<string> => Promise.resolve((report('shell.openPath', { path }), '')),
};

type Command =
  | { cmd: 'invoke'; channel: string; req?: unknown; from: string }
  | { cmd: 'fetch'; url: string }
  | { cmd: 'navigate'; url: string }
  | { cmd: 'window-open'; url: string }
  | { cmd: 'permission'; permission: string }
  | { cmd: 'close-window' }
  | { cmd: 'second-instance'; argv: string[] }
  | { cmd: 'open-url'; url: string }
  | { cmd: 'quit' };

async function run(c: Command): Promise<void> {
  const win = BrowserWindow.getAllWindows()[0];
  switch (c.cmd) {
    case 'invoke': {
      const h = handlers.get(c.channel);
      return report('invoke.result', { channel: c.channel, result: h ? await h({ senderFrame: { url: c.from } }, c.req) : 'no handler' });
    }
    case 'fetch': {
      const res = await appProtocol!(new Request(c.url));
      return report('fetch.result', {
        url: c.url,
        status: res.status,
        csp: res.headers.get('content-security-policy'),
        body: await res.text(),
      });
    }
    case 'navigate': {
      const results: Record<string, boolean> = {};
      for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
        const e = preventable({ url: c.url });
        win?.webContents.emit(name, e);
        results[name] = e.prevented;
      }
      return report('navigate.result', { url: c.url, prevented: results });
    }
    case 'window-open':
      return report('window-open.result', { url: c.url, answer: win?.webContents.openHandler?.({ url: c.url }) });
    case 'permission': {
      let granted: boolean | undefined;
      requestHandler?.(null, c.permission, (g) => void (granted = g));
      return report('permission.result', { permission: c.permission, granted, checked: checkHandler?.(null, c.permission) });
    }
    case 'second-instance':
      // As Electron: the second launch's argv, handed to the first instance by the single-instance lock.
      app.emit('second-instance', preventable(), c.argv, process.cwd());
      return report('second-instance.result');
    case 'open-url':
      app.emit('open-url', preventable(), c.url);
      return report('open-url.result');
    case 'close-window':
      return report('close-window.result', { closed: win?.close() });
    case 'quit':
      return app.quit();
  }
}

// Only in the child process: a test that imports this file (to list its exports) starts nothing.
if (process.env['KUBEDESK_FAKE_ELECTRON'] === '1') {
  // `node --import electron.ts out/main/index.js ARGS` has the layout of `electron out/main/index.js
  // ARGS`, where Electron sets process.defaultApp: the app's own arguments start at argv[2].
  Object.defineProperty(process, 'defaultApp', { value: true });
  registerHooks({
    resolve: (specifier, context, next) =>
      specifier === 'electron' ? { url: import.meta.url, shortCircuit: true } : next(specifier, context),
  });
  createInterface({ input: process.stdin }).on(
    'line',
    (line) => void run(JSON.parse(line) as Command).catch((err: unknown) => report('command.error', { error: String(err) })),
  );
}
