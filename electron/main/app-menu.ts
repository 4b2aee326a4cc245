// The native menu bar, built from Electron's standard roles so each OS gets its own labels,
// shortcuts and behaviour (https://www.electronjs.org/docs/latest/api/menu#examples): the app menu on
// macOS, then Edit, View, Window and Help. Quit is the only way out: closing the window keeps
// KubeDesk running in the tray (docs/desktop.md, Tray).
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Development builds get Reload and the developer tools; packaged ones do not. */
  packaged: boolean;
  /** Opens KUBEDESK_HOME (saved forwards, imported contexts, window state) in the file manager. */
  openDataFolder(): void;
  /** macOS, packaged: links the `kubedesk` command into PATH (install-command.ts). */
  installCommand?: () => void;
}

export function appMenuTemplate(o: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const menu: MenuItemConstructorOptions[] = [];
  if (mac) {
    menu.push({
      label: o.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        ...(o.installCommand
          ? [{ label: "Install 'kubedesk' command in PATH", click: () => o.installCommand?.() }, { type: 'separator' } as const]
          : []),
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  menu.push({ label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] });
  menu.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  menu.push({
    label: 'View',
    submenu: [
      ...(o.packaged
        ? []
        : [
            { role: 'reload' } as const,
            { role: 'forceReload' } as const,
            { role: 'toggleDevTools' } as const,
            { type: 'separator' } as const,
          ]),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  menu.push({
    label: 'Window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }, { type: 'separator' }, { role: 'window' }]
      : [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }],
  });
  menu.push({
    role: 'help',
    submenu: [{ label: `Show ${o.appName} data folder`, click: () => o.openDataFolder() }, ...(mac ? [] : [{ role: 'about' } as const])],
  });
  return menu;
}
