// The afterPack hook runs the real @electron/fuses against a stand-in binary: a file holding the
// fuse sentinel and Electron 45's default wire where the real Electron binary (which cannot be
// downloaded here) holds it. What only a packaged app shows (that Electron honours the flipped
// fuses) is in docs/desktop.md, Checked only in a running app.
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAfterPack, FUSES, fusedBinaryPath, type AfterPackContextLike } from '../../../../electron/main/packaging/fuses.ts';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults, in FuseV1Options order: RunAsNode on, cookie encryption off, NODE_OPTIONS on,
// --inspect on, ASAR integrity off, only-ASAR off, browser V8 snapshot off, file:// privileges on.
const ELECTRON_DEFAULT_WIRE = '10110001';
const ON = 49;
const OFF = 48;

function fakeElectron(file: string, wire = ELECTRON_DEFAULT_WIRE): void {
  const header = Buffer.from(`\x7fELF padding ${SENTINEL}`, 'latin1');
  writeFileSync(file, Buffer.concat([header, Buffer.from([1, wire.length]), Buffer.from(wire, 'latin1'), Buffer.alloc(64, 7)]));
}

function linuxContext(): AfterPackContextLike {
  const appOutDir = mkdtempSync(join(tmpdir(), 'kd-fuses-'));
  return {
    appOutDir,
    electronPlatformName: 'linux',
    arch: 1,
    packager: { appInfo: { productFilename: 'KubeDesk' }, executableName: 'kubedesk' },
  };
}

describe('Electron fuses (flipped by the afterPack hook)', () => {
  it('turns off RunAsNode, NODE_OPTIONS and --inspect, and turns on cookie encryption, ASAR integrity and ASAR-only loading', () => {
    expect(FUSES).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      strictlyRequireAllFuses: true,
    });
  });

  it('package.json points build.afterPack at the hook, and the hook flips the binary electron-builder packed', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { build: { afterPack: string } };
    expect(pkg.build.afterPack).toBe('./build/after-pack.mjs');
    // Loaded the way electron-builder loads it (a dynamic import of the path).
    const hook = ((await import(resolve(pkg.build.afterPack))) as { default: (c: AfterPackContextLike) => Promise<void> }).default;
    const context = linuxContext();
    const binary = join(context.appOutDir, 'kubedesk');
    fakeElectron(binary);
    await hook(context);
    const wire = await getCurrentFuseWire(binary);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => String.fromCharCode(wire[i as FuseV1Options] as number)).join('')).toBe('01001100');
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
  });

  it('fails the package step when the binary has a fuse we do not set (a newer Electron)', async () => {
    const context = linuxContext();
    fakeElectron(join(context.appOutDir, 'kubedesk'), `${ELECTRON_DEFAULT_WIRE}1`);
    await expect(createAfterPack()(context)).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('fails the package step when the binary has no fuse wire', async () => {
    const context = linuxContext();
    writeFileSync(join(context.appOutDir, 'kubedesk'), 'not electron');
    await expect(createAfterPack()(context)).rejects.toThrow(/sentinel/);
  });

  it('finds the binary per platform and resets the ad-hoc signature of arm64 macOS builds only', async () => {
    const seen: Array<{ binary: string; reset: boolean | undefined }> = [];
    const hook = createAfterPack(async (binary, config) => {
      seen.push({ binary, reset: config.resetAdHocDarwinSignature });
      expect(config).toMatchObject(FUSES);
      return 1;
    });
    const base = { appOutDir: '/out', packager: { appInfo: { productFilename: 'KubeDesk' } } };
    await hook({ ...base, electronPlatformName: 'darwin', arch: 3 });
    await hook({ ...base, electronPlatformName: 'darwin', arch: 1 });
    await hook({ ...base, electronPlatformName: 'win32', arch: 1 });
    expect(seen).toEqual([
      { binary: join('/out', 'KubeDesk.app'), reset: true },
      { binary: join('/out', 'KubeDesk.app'), reset: false },
      { binary: join('/out', 'KubeDesk.exe'), reset: false },
    ]);
    expect(fusedBinaryPath({ ...base, electronPlatformName: 'linux', arch: 1 })).toBe(join('/out', 'kubedesk'));
  });
});
