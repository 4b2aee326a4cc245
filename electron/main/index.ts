// Electron adapter and the desktop face's composition root: the window, tray, menus, notifications,
// IPC wiring and the app lifecycle; all behaviour is in core (createCore), the decisions in the
// small modules beside this one (docs/desktop.md).
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, powerMonitor, protocol, screen, session, shell } from 'electron';
import { join } from 'node:path';
import { loginShellEnv } from '../core/cluster/login-shell-env.ts';
import { createCore, type Core } from '../core/core.ts';
import { KeytarSecretStore } from '../core/credentials/keytar-secret-store.ts';
import { dispatch } from '../core/api/dispatch.ts';
import { describe } from '../core/errors.ts';
import { resolveKubedeskHome } from '../core/store/kubedesk-home.ts';
import { resolveKubeconfigSources } from '../core/kubeconfig/kubeconfig-sources.ts';
import { DisposableStore } from '../core/lifecycle.ts';
import { createLogger } from '../core/log.ts';
import { appMenuTemplate } from './app-menu.ts';
import { cliLaunchArgs } from './cli-launch-args.ts';
import { runCliMode } from './cli-mode.ts';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.ts';
import { LINK_SCHEME, linkInArgv, type LinkView } from './deep-link.ts';
import { DeepLinkRouter } from './deep-link-router.ts';
import { ForwardNotifier } from './forward-notifications.ts';
import { installCommandWithDialog } from './install-command-dialog.ts';
import { forwardEvents, registerIpc, trustedUrlChecker } from './ipc.ts';
import { installQuitSequence } from './quit-sequence.ts';
import { denyAllPermissions, hardenApp, isExternalLink } from './security-policy.ts';
import { createTray } from './tray.ts';
import { loadWindowState, MIN_SIZE, placeWindow, saveWindowState } from './window-state.ts';

// `KubeDesk --kubedesk-cli …` is the `kubedesk` command: it runs the CLI and exits before anything
// below happens (cli-mode.ts; docs/desktop.md, The `kubedesk` command with RunAsNode off).
const cliArgs = cliLaunchArgs(process.argv, process.defaultApp === true);
if (cliArgs) await runCliMode(app, cliArgs);

const log = createLogger({ level: app.isPackaged ? 'info' : 'debug', write: (line) => process.stderr.write(line) });
const root = new DisposableStore();

const rendererDir = join(import.meta.dirname, '../renderer');
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const isTrustedUrl = trustedUrlChecker(APP_INDEX_URL, devServerUrl);
const home = resolveKubedeskHome({ env: process.env, home: app.getPath('home') });

// Before `ready` (docs/desktop.md, Hardening): the app:// scheme, every renderer sandboxed, every
// webContents, ours or not, held to the same navigation and window rules.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
hardenApp(app, {
  isTrustedUrl,
  openExternal: (url) => void shell.openExternal(url),
  onRefused: (what, url) => log.warn('navigation refused', { what, scheme: url.split(':')[0] ?? '' }),
});
const quit = installQuitSequence(
  app,
  () => root.dispose(),
  (err) => log.warn('quit: not everything stopped cleanly', { error: describe(err) }),
);

// kubedesk:// links (deep-link.ts): the one this launch came with, and macOS's, which can arrive
// before `ready`; they run once the core exists.
const links = new DeepLinkRouter(log);
if (app.isPackaged) app.setAsDefaultProtocolClient(LINK_SCHEME);
app.on('open-url', (event, url) => {
  event.preventDefault();
  links.open(url);
});
const launchLink = linkInArgv(process.argv);
if (launchLink) links.open(launchLink);

let win: BrowserWindow | undefined;
/** The view a link asked for while the window was being created. */
let pendingView: LinkView | undefined;
/** Set while the window is being created (reading its saved state), so two calls make one window. */
let creating: Promise<void> | undefined;
/** The last window-state write: quitting waits for it (root disposes it last). */
let stateSaved: Promise<void> = Promise.resolve();
root.defer(() => stateSaved);

async function createWindow(core: Core): Promise<BrowserWindow> {
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  const { maximized, ...bounds } = placeWindow(await loadWindowState(home), workAreas);
  const w = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'KubeDesk',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    },
  });
  if (maximized) w.maximize();
  w.once('ready-to-show', () => w.show());
  const stopEvents = forwardEvents(core, w.webContents);
  w.on('close', (event) => {
    const state = { bounds: w.getNormalBounds(), maximized: w.isMaximized() };
    stateSaved = stateSaved
      .then(() => saveWindowState(home, state))
      .catch((err: unknown) => log.warn('window state not saved', { error: describe(err) }));
    quit.onWindowClose(event, () => w.hide());
  });
  w.on('closed', () => {
    stopEvents();
    if (win === w) win = undefined;
  });
  const hash = pendingView ? `#${pendingView}` : '';
  pendingView = undefined;
  void w.loadURL(`${devServerUrl ?? APP_INDEX_URL}${hash}`);
  return w;
}

function showWindow(core: Core, view?: LinkView): void {
  if (view) pendingView = view;
  if (win && !win.isDestroyed()) {
    // Only the fragment changes: the renderer follows `hashchange` (renderer/src/App.svelte).
    if (pendingView) void win.loadURL(`${devServerUrl ?? APP_INDEX_URL}#${pendingView}`);
    pendingView = undefined;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return;
  }
  creating ??= createWindow(core)
    .then((w) => void (win = w))
    .catch((err: unknown) => log.error('window not created', { error: describe(err) }))
    .finally(() => (creating = undefined));
}

function notifyForwardChanges(core: Core): () => void {
  const notifier = new ForwardNotifier();
  const offChanged = core.events.on('forward:state-changed', (f) => {
    const notice = notifier.next(f);
    if (!notice || !Notification.isSupported()) return;
    const n = new Notification({ title: notice.title, body: notice.body });
    n.on('click', () => showWindow(core));
    n.show();
  });
  const offRemoved = core.events.on('forward:removed', ({ id }) => notifier.forget(id));
  return () => {
    offChanged();
    offRemoved();
  };
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
    denyAllPermissions(session.defaultSession, (permission) => log.warn('permission refused', { permission }));
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate({
          platform: process.platform,
          appName: app.name,
          packaged: app.isPackaged,
          openDataFolder: () => void shell.openPath(home),
          ...(process.platform === 'darwin' && app.isPackaged
            ? { installCommand: () => void installCommandWithDialog(dialog, process.resourcesPath, log) }
            : {}),
        }),
      ),
    );
    // Exec plugins need the login shell's PATH (a GUI launch has no shell's): resolved once, in the background.
    const shellEnv = loginShellEnv({ env: process.env, execPath: process.execPath }).then((r) => {
      if (r.from === 'process') log.warn('login shell env not used for exec plugins', { reason: r.reason });
      return r.env;
    });
    const core = createCore({
      sources: resolveKubeconfigSources({ env: process.env['KUBECONFIG'], home: app.getPath('home') }),
      log,
      host: 'electron',
      secrets: new KeytarSecretStore(),
      home,
      execEnv: () => shellEnv,
    });
    root.add(core);
    // Forwards recover after sleep or a network change (kubernetes/kubectl#686, lensapp/lens#2282).
    powerMonitor.on('resume', () => core.resume());
    powerMonitor.on('unlock-screen', () => core.resume());
    root.add(registerIpc({ ipcMain, core, log, isTrustedUrl }));
    root.defer(notifyForwardChanges(core));
    root.add(
      createTray({
        core,
        appPath: app.getAppPath(),
        log,
        showWindow: () => showWindow(core),
        quit: () => app.quit(),
        openExternal: (url) => {
          if (isExternalLink(url)) void shell.openExternal(url);
        },
      }),
    );
    showWindow(core);
    links.attach({
      showView: (view) => showWindow(core, view),
      startForward: (id) => dispatch({ handlers: core.handlers, log }, 'forward:start', { id }, AbortSignal.timeout(60_000)),
      notify: (title, body) => {
        if (Notification.isSupported()) new Notification({ title, body }).show();
      },
    });
    app.on('second-instance', (_event, argv) => {
      const link = linkInArgv(argv);
      if (link) links.open(link);
      else showWindow(core);
    });
    app.on('activate', () => showWindow(core));
  });
  // The window hides on close and KubeDesk stays in the tray; only Quit ends it (quit-sequence.ts).
  app.on('window-all-closed', () => {});
}
