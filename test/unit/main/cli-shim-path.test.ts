import { describe, expect, it } from 'vitest';
import { bundledShimPath, defaultCliLauncher } from '../../../electron/main/cli-shim-path.ts';

describe('the bundled `kubedesk` shim (resources/bin)', () => {
  it('is kubedesk.cmd on Windows and the sh script elsewhere', () => {
    expect(bundledShimPath('linux', '/opt/KubeDesk/resources')).toBe('/opt/KubeDesk/resources/bin/kubedesk');
    expect(bundledShimPath('darwin', '/Applications/KubeDesk.app/Contents/Resources')).toBe(
      '/Applications/KubeDesk.app/Contents/Resources/bin/kubedesk',
    );
    expect(bundledShimPath('win32', 'C:/KubeDesk/resources')).toMatch(/[\\/]bin[\\/]kubedesk\.cmd$/);
  });

  it('is what exported kubeconfigs call when no shim set KUBEDESK_CLI, in a packaged app not run from an AppImage', () => {
    const o = { packaged: true, platform: 'linux' as const, resourcesPath: '/opt/KubeDesk/resources' };
    expect(defaultCliLauncher({ ...o, env: {} })).toBe('/opt/KubeDesk/resources/bin/kubedesk');
    expect(defaultCliLauncher({ ...o, env: { KUBEDESK_CLI: '/usr/bin/kubedesk' } })).toBeUndefined();
    expect(defaultCliLauncher({ ...o, env: { APPIMAGE: '/home/u/KubeDesk.AppImage' } })).toBeUndefined();
    expect(defaultCliLauncher({ ...o, packaged: false, env: {} })).toBeUndefined();
  });
});
