// Electron adapter and the desktop face's composition root: one window, the IPC wiring and the
// app lifecycle; all behaviour is in core (createCore).
import { app, BrowserWindow, ipcMain, powerMonitor, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loginShellEnv } from '../core/cluster/login-shell-env.ts';
import { createCore, type Core } from '../core/core.ts';
import { KeytarSecretStore } from '../core/credentials/keytar-secret-store.ts';
import { resolveKubedeskHome } from '../core/store/kubedesk-home.ts';
import { resolveKubeconfigSources } from '../core/kubeconfig/kubeconfig-sources.ts';
import { DisposableStore } from '../core/lifecycle.ts';
import { createLogger } from '../core/log.ts';
import { forwardEvents, registerIpc, trustedUrlChecker } from './ipc.ts';

const log = createLogger({ level: app.isPackaged ? 'info' : 'debug', write: (line) => process.stderr.write(line) });
const root = new DisposableStore();

const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const isTrustedUrl = trustedUrlChecker(pathToFileURL(rendererFile).href, app.isPackaged ? undefined : devServerUrl);

function createWindow(core: Core): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 760,
    minWidth: 800,
    minHeight: 500,
    title: 'KubeDesk',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  const stopEvents = forwardEvents(core, win.webContents);
  win.on('closed', stopEvents);
  // The renderer never navigates away or opens windows; http(s) links go to the user's browser.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  if (devServerUrl && !app.isPackaged) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererFile);
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
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
      home: resolveKubedeskHome({ env: process.env, home: app.getPath('home') }),
      execEnv: () => shellEnv,
    });
    root.add(core);
    // Forwards recover after sleep or a network change (kubernetes/kubectl#686, lensapp/lens#2282).
    powerMonitor.on('resume', () => core.resume());
    powerMonitor.on('unlock-screen', () => core.resume());
    root.add(registerIpc({ ipcMain, core, log, isTrustedUrl }));
    createWindow(core);
    app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow(core);
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void root.dispose());
}
