// The electron-builder config (package.json, build) and the release workflow, checked as data:
// the installers themselves can only be built on their OS with Electron's binary (docs/desktop.md,
// Installers); test/integration/main/packaging/asar-contents.test.ts builds the app bundle.
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Resource {
  from: string;
  to: string;
}
interface Target {
  target: string;
  arch?: string[];
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>;
  build: {
    files: string[];
    asarUnpack: string[];
    asar?: boolean;
    npmRebuild?: boolean;
    afterPack: string;
    mac: { target: Target[]; hardenedRuntime?: boolean; extraResources?: Resource[] };
    win: { target: Target[]; extraResources?: Resource[] };
    linux: { target: Target[]; executableName: string; extraResources?: Resource[] };
    extraResources?: Resource[];
    deb?: { afterInstall?: string; afterRemove?: string };
    protocols?: Array<{ name: string; schemes: string[] }>;
  };
};

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string;
  if?: string;
  steps: Step[];
  strategy?: { matrix: { include: Array<{ name: string; os: string; targets: string; artifacts: string }> } };
}
const workflow = parse(readFileSync('.github/workflows/release.yml', 'utf8')) as {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};

describe('electron-builder config', () => {
  it('builds AppImage and deb for Linux, a universal dmg for macOS and NSIS for Windows', () => {
    expect(pkg.build.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(pkg.build.mac.target).toEqual([{ target: 'dmg', arch: ['universal'] }]);
    expect(pkg.build.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(pkg.build.mac.hardenedRuntime).toBe(true);
    expect(pkg.build.linux.executableName).toBe('kubedesk');
  });

  it('packs the app in an ASAR and keeps the native modules out of it', () => {
    expect(pkg.build.asar).toBe(true);
    expect(pkg.build.npmRebuild).toBe(true); // keytar and bufferutil rebuilt for Electron's ABI
    expect(pkg.build.asarUnpack).toEqual(
      expect.arrayContaining(['**/node_modules/keytar/**', '**/node_modules/bufferutil/**', '**/*.node']),
    );
  });

  it('ships only the built bundles, without source maps, and the tray icons', () => {
    expect(pkg.build.files).toEqual(['out/**', '!out/**/*.map', '!out/cli/**', 'build/tray/*.png', 'package.json']);
  });

  it('ships the `kubedesk` command: the sh shim in resources/bin on Linux and macOS, kubedesk.cmd on Windows, linked by the deb', () => {
    const shim = { from: 'build/bin/kubedesk', to: 'bin/kubedesk' };
    expect(pkg.build.linux.extraResources).toEqual([shim]);
    expect(pkg.build.mac.extraResources).toEqual([shim]);
    expect(pkg.build.win.extraResources).toEqual([{ from: 'build/bin/kubedesk.cmd', to: 'bin/kubedesk.cmd' }]);
    expect(pkg.build.extraResources).toBeUndefined();
    expect(statSync('build/bin/kubedesk').mode & 0o111).toBe(0o111);
    expect(readFileSync('build/bin/kubedesk', 'utf8')).toMatch(/^#!\/bin\/sh\n/);
    expect(pkg.build.deb).toEqual({ afterInstall: 'build/linux/after-install.tpl', afterRemove: 'build/linux/after-remove.tpl' });
    for (const script of Object.values(pkg.build.deb ?? {})) expect(readFileSync(script, 'utf8')).toMatch(/^#!\/bin\/bash\n/);
  });

  it('declares the kubedesk:// scheme for macOS Info.plist and the Linux desktop entry', () => {
    expect(pkg.build.protocols).toEqual([{ name: 'KubeDesk link', schemes: ['kubedesk'] }]);
  });

  it('`npm run dist` builds, then packages without publishing', () => {
    expect(pkg.scripts['dist']).toBe('electron-vite build && electron-builder --publish never');
  });
});

describe('release workflow', () => {
  const build = workflow.jobs['installers'];
  const matrix = build?.strategy?.matrix.include ?? [];

  it('builds each installer on its own OS', () => {
    expect(matrix.map((m) => [m.name, m.os.split('-')[0], m.targets])).toEqual([
      ['linux', 'ubuntu', '--linux AppImage deb --x64'],
      ['macos', 'macos', '--mac dmg --universal'],
      ['windows', 'windows', '--win nsis --x64'],
    ]);
    expect(build?.['runs-on']).toBe('${{ matrix.os }}');
  });

  it('installs with npm ci on Node 24, runs npm run dist with the matrix targets and uploads what it built', () => {
    const steps = build?.steps ?? [];
    const setupNode = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with?.['node-version']).toBe(24);
    const runs = steps.map((s) => s.run).filter(Boolean);
    expect(runs.indexOf('npm ci')).toBeGreaterThanOrEqual(0);
    expect(runs.indexOf('npm run dist -- ${{ matrix.targets }}')).toBeGreaterThan(runs.indexOf('npm ci'));
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ path: '${{ matrix.artifacts }}', 'if-no-files-found': 'error' });
    expect(matrix.map((m) => m.artifacts.trim().split('\n'))).toEqual([['dist/*.AppImage', 'dist/*.deb'], ['dist/*.dmg'], ['dist/*.exe']]);
  });

  it('publishes a draft release only for v* tags, with write access only in that job', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const release = workflow.jobs['release'];
    expect(release?.needs).toBe('installers');
    expect(release?.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(release?.steps.some((s) => s.run?.includes('gh release create') && s.run.includes('--draft'))).toBe(true);
  });
});
