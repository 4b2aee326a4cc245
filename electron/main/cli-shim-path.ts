// Where the packaged app keeps the `kubedesk` command's shim: electron-builder copies build/bin into
// the app's resources folder (package.json, build.extraResources; docs/desktop.md, The `kubedesk`
// command with RunAsNode off). The deb links /usr/bin/kubedesk to it, the macOS menu item links
// /usr/local/bin/kubedesk to it, and Windows users run kubedesk.cmd from it.
import { join } from 'node:path';

export function bundledShimPath(platform: NodeJS.Platform, resourcesPath: string): string {
  return join(resourcesPath, 'bin', platform === 'win32' ? 'kubedesk.cmd' : 'kubedesk');
}

/**
 * What exported kubeconfigs should call when the app runs as the command without a shim having set
 * KUBEDESK_CLI (`KubeDesk --kubedesk-cli …` typed by hand): the bundled shim, whose path survives
 * updates. Not from an AppImage, whose resources live in a mount that is gone once it exits.
 */
export function defaultCliLauncher(o: {
  env: NodeJS.ProcessEnv;
  packaged: boolean;
  platform: NodeJS.Platform;
  resourcesPath: string;
}): string | undefined {
  if (o.env['KUBEDESK_CLI'] || !o.packaged || o.env['APPIMAGE']) return undefined;
  return bundledShimPath(o.platform, o.resourcesPath);
}
