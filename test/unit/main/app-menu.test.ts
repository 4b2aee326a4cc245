import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../electron/main/app-menu.ts';

/** Top-level label (or role) → the roles and labels of its items. */
function shape(menu: MenuItemConstructorOptions[]): Record<string, string[]> {
  return Object.fromEntries(
    menu.map((m) => [
      m.label ?? m.role ?? '?',
      (m.submenu as MenuItemConstructorOptions[]).map((i) => (i.type === 'separator' ? '-' : (i.role ?? i.label ?? '?'))),
    ]),
  );
}

describe('native menus (standard roles)', () => {
  it('macOS gets the app menu with About, Services, Hide and Quit, and the Window menu', () => {
    const menu = shape(appMenuTemplate({ platform: 'darwin', appName: 'KubeDesk', packaged: true, openDataFolder: () => {} }));
    expect(Object.keys(menu)).toEqual(['KubeDesk', 'File', 'Edit', 'View', 'Window', 'help']);
    expect(menu['KubeDesk']).toEqual(['about', '-', 'services', '-', 'hide', 'hideOthers', 'unhide', '-', 'quit']);
    expect(menu['File']).toEqual(['close']);
    expect(menu['Edit']).toEqual(['undo', 'redo', '-', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', '-', 'selectAll']);
    expect(menu['Window']).toEqual(['minimize', 'zoom', '-', 'front', '-', 'window']);
  });

  it('Windows and Linux get Quit in File and About in Help, and no developer tools when packaged', () => {
    const menu = shape(appMenuTemplate({ platform: 'linux', appName: 'KubeDesk', packaged: true, openDataFolder: () => {} }));
    expect(Object.keys(menu)).toEqual(['File', 'Edit', 'View', 'Window', 'help']);
    expect(menu['File']).toEqual(['quit']);
    expect(menu['View']).toEqual(['resetZoom', 'zoomIn', 'zoomOut', '-', 'togglefullscreen']);
    expect(menu['help']).toEqual(['Show KubeDesk data folder', 'about']);
    expect(menu['Window']).toEqual(['minimize', 'zoom', 'close']);
  });

  it('development builds add Reload and the developer tools; the Help item opens the data folder', () => {
    let opened = 0;
    const template = appMenuTemplate({ platform: 'win32', appName: 'KubeDesk', packaged: false, openDataFolder: () => void opened++ });
    expect(shape(template)['View']?.slice(0, 3)).toEqual(['reload', 'forceReload', 'toggleDevTools']);
    const help = template.at(-1)?.submenu as MenuItemConstructorOptions[];
    help[0]?.click?.({} as never, undefined, {} as never);
    expect(opened).toBe(1);
  });

  it("a packaged macOS app offers Install 'kubedesk' command in PATH after About", () => {
    let installs = 0;
    const template = appMenuTemplate({
      platform: 'darwin',
      appName: 'KubeDesk',
      packaged: true,
      openDataFolder: () => {},
      installCommand: () => void installs++,
    });
    expect(shape(template)['KubeDesk']?.slice(0, 5)).toEqual(['about', '-', "Install 'kubedesk' command in PATH", '-', 'services']);
    const item = (template[0]?.submenu as MenuItemConstructorOptions[])[2];
    item?.click?.({} as never, undefined, {} as never);
    expect(installs).toBe(1);
  });
});
