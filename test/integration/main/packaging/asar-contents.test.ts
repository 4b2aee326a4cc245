// The app bundle as electron-builder makes it, built here for Linux with `--dir` (no installer).
// Electron's binary cannot be downloaded on our machines, so `electronDist` points at a stand-in
// folder whose "electron" file only holds the fuse wire; everything else is the real
// electron-builder run of `npm run dist`: the `files` globs, asarUnpack, the afterPack hook. Native
// modules are not rebuilt for Electron's ABI here (that needs Electron's headers; the release
// workflow does it). Reads out/, which `npm test` builds first.
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { listPackage, statFile } from '@electron/asar';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let resources: string;
let asar: string;
let entries: string[];
let log: string;
let tmp: string | undefined;

afterAll(() => {
  if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
});

beforeAll(() => {
  expect(existsSync(join(ROOT, pkg.main)), `${pkg.main} is missing: run npm run build`).toBe(true);
  tmp = mkdtempSync(join(tmpdir(), 'kd-pack-'));
  const electronDist = join(tmp, 'electron-dist');
  mkdirSync(electronDist);
  // Electron 45's default fuse wire behind the sentinel, where @electron/fuses looks for it.
  const wire = Buffer.concat([
    Buffer.from('stand-in dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'latin1'),
    Buffer.from([1, 8]),
    Buffer.from('10110001'),
  ]);
  writeFileSync(join(electronDist, 'electron'), wire);
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFileSync(join(electronDist, 'LICENSE'), 'MIT');
  const out = join(tmp, 'dist');
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/electron-builder/cli.js'),
      '--linux',
      '--dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${out}`,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 120_000 },
  );
  log = `${run.stdout}\n${run.stderr}`;
  expect(run.status, log).toBe(0);
  resources = join(out, 'linux-unpacked', 'resources');
  asar = join(resources, 'app.asar');
  entries = listPackage(asar, { isPack: false }).map((e) => e.replaceAll('\\', '/'));
}, 150_000);

const unpacked = (path: string): boolean => (statFile(asar, path.slice(1), true) as { unpacked?: boolean }).unpacked === true;

describe('the packaged app (electron-builder --dir, Linux)', () => {
  it('flipped the fuses in the packed binary through the afterPack hook', async () => {
    const wire = await getCurrentFuseWire(join(resources, '..', 'kubedesk'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(48);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(48);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(48);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(49);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(49);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(49);
  });

  it('holds the main, preload and renderer bundles, the tray icons and package.json', () => {
    for (const f of [
      `/${pkg.main}`,
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/build/tray/tray.png',
      '/build/tray/trayTemplate.png',
      '/package.json',
    ]) {
      expect(entries, f).toContain(f);
    }
  });

  it('unpacks keytar and bufferutil (native modules cannot load from inside an ASAR)', () => {
    const natives = entries.filter((e) => e.endsWith('.node'));
    expect(natives.some((e) => e.startsWith('/node_modules/keytar/'))).toBe(true);
    expect(natives.some((e) => e.startsWith('/node_modules/bufferutil/'))).toBe(true);
    for (const n of natives) {
      expect(unpacked(n), n).toBe(true);
      expect(existsSync(join(resources, 'app.asar.unpacked', n)), n).toBe(true);
    }
    expect(unpacked('/node_modules/keytar/lib/keytar.js')).toBe(true);
  });

  it('ships no source, source map, test, fixture or key file of ours', () => {
    const ours = entries.filter((e) => e !== '/node_modules' && !e.startsWith('/node_modules/'));
    const allowed = /^\/(out(\/(main|preload|renderer)(\/.*)?)?|build(\/tray(\/[^/]+\.png)?)?|package\.json)$/;
    expect(ours.filter((e) => !allowed.test(e))).toEqual([]);
    // Bundle chunks may be named after kubeconfig code (out/main/kubeconfig-sources-….js); no other file may.
    expect(
      ours.filter((e) => /\.(map|ts|pem|key)$/.test(e) || (/kubeconfig/i.test(e) && !/^\/out\/main\/[\w-]+\.m?js$/.test(e))),
    ).toEqual([]);
  });

  it('ships the `kubedesk` command beside the ASAR (resources/bin), executable and unchanged', () => {
    const shim = join(resources, 'bin', 'kubedesk');
    expect(readFileSync(shim, 'utf8')).toBe(readFileSync(join(ROOT, 'build/bin/kubedesk'), 'utf8'));
    expect(statSync(shim).mode & 0o755).toBe(0o755);
    expect(existsSync(join(resources, 'bin', 'kubedesk.cmd'))).toBe(false);
  });

  it('ships no development dependency (tests, build tools, Electron itself)', () => {
    const shipped = new Set(
      entries.filter((e) => /^\/node_modules\/(@[^/]+\/)?[^/@]+$/.test(e)).map((e) => e.slice('/node_modules/'.length)),
    );
    for (const name of Object.keys(pkg.dependencies)) expect(shipped.has(name), name).toBe(true);
    for (const name of [
      'electron',
      'electron-builder',
      'vitest',
      'vite',
      'typescript',
      'playwright-core',
      'eslint',
      ...Object.keys(pkg.devDependencies),
    ]) {
      expect(shipped.has(name), name).toBe(false);
    }
  });
});
