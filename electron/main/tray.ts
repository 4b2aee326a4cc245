// The tray icon: a thin Electron adapter over tray-model.ts (what the menu shows) and tray-state.ts
// (the core's lists and the actions). macOS gets a template image, so the menu bar tints it.
import { Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import type { Disposable } from '../core/lifecycle.ts';
import type { Logger } from '../core/log.ts';
import { describe } from '../core/errors.ts';
import { toMenuTemplate, trayMenu, trayTooltip } from './tray-model.ts';
import { runTrayAction, TrayState, type TrayActionDeps, type TrayCore } from './tray-state.ts';

export interface TrayDeps extends Omit<TrayActionDeps, 'handlers'> {
  core: TrayCore;
  /** The folder holding build/tray (the app's root: the ASAR when packaged). */
  appPath: string;
  log: Logger;
}

export function createTray(deps: TrayDeps): Disposable {
  const file = process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png';
  const icon = nativeImage.createFromPath(join(deps.appPath, 'build', 'tray', file));
  if (process.platform === 'darwin') icon.setTemplateImage(true);
  const tray = new Tray(icon);
  const controller = new AbortController();
  const run = (action: Parameters<typeof runTrayAction>[1]): void =>
    void runTrayAction({ ...deps, handlers: deps.core.handlers }, action, controller.signal).catch((err: unknown) =>
      deps.log.warn('tray: action failed', { action: action.kind, error: describe(err) }),
    );
  const state = new TrayState(deps.core, (snapshot) => {
    tray.setContextMenu(Menu.buildFromTemplate(toMenuTemplate(trayMenu(snapshot), run)));
    tray.setToolTip(trayTooltip(snapshot));
  });
  void state.load().catch((err: unknown) => deps.log.warn('tray: lists not loaded', { error: describe(err) }));
  // Windows and Linux: a click on the icon brings the window back (macOS opens the menu).
  tray.on('click', () => deps.showWindow());
  return {
    dispose: () => {
      controller.abort();
      state.dispose();
      tray.destroy();
    },
  };
}
