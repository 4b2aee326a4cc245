// Electron fuses, flipped once in the packaged binary by electron-builder's afterPack hook
// (build/after-pack.mjs). Electron's security checklist ("Check which fuses you can change",
// https://www.electronjs.org/docs/latest/tutorial/fuses): with RunAsNode, NODE_OPTIONS or --inspect
// left on, any local process could run our signed binary as plain Node and read KubeDesk's keychain
// items under the app's identity. docs/desktop.md, Hardening, lists what each fuse does for us.
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import { join } from 'node:path';

export const FUSES: FuseV1Config = {
  version: FuseVersion.V1,
  // Every fuse this @electron/fuses knows is set explicitly; a newer Electron with more fuses than
  // we name fails the package step instead of silently keeping its default.
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Our own snapshot is not used; the default (off) stays.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app:// (electron/main/app-protocol.ts): file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  /** electron-builder's Arch enum: 1 = x64, 3 = arm64, 4 = universal. */
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

/** The file that holds the fuse wire: the .app bundle on macOS (fuses finds the framework), else the executable. */
export function fusedBinaryPath(context: AfterPackContextLike): string {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName ?? name.toLowerCase());
}

type Flip = (binary: string, config: FuseV1Config) => Promise<number>;

export function createAfterPack(flip: Flip = flipFuses): (context: AfterPackContextLike) => Promise<void> {
  return async (context) => {
    // Flipping a fuse breaks an arm64 ad-hoc signature; macOS then refuses to start the app. The
    // universal build is signed again when electron-builder signs it.
    const arm64Mac = context.electronPlatformName === 'darwin' && context.arch === 3;
    const flipped = await flip(fusedBinaryPath(context), { ...FUSES, resetAdHocDarwinSignature: arm64Mac });
    if (flipped < 1) throw new Error(`fuses: no fuse wire found in ${fusedBinaryPath(context)}`);
  };
}
