// The deb's install scripts (build/linux/*.tpl, package.json build.deb), rendered as electron-builder
// renders them (app-builder-lib/out/targets/FpmTarget.js writeConfigFile: every ${name} from the
// linux options, an unknown one fails the build) and run with bash. Their absolute paths are moved
// under a temp root; update-alternatives is a stand-in that logs its arguments, or absent.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  productName: string;
  build: { linux: Record<string, unknown> & { executableName: string }; deb: { afterInstall: string; afterRemove: string } };
};

function render(template: string): string {
  const options: Record<string, unknown> = {
    executable: pkg.build.linux.executableName,
    sanitizedProductName: pkg.productName,
    productFilename: pkg.productName,
    ...pkg.build.linux,
  };
  return readFileSync(join(ROOT, template), 'utf8').replace(/\${([a-zA-Z]+)}/g, (_m, name: string) => {
    if (!(name in options)) throw new Error(`Macro ${name} is not defined`);
    return String(options[name]);
  });
}

interface World {
  root: string;
  shim: string;
  app: string;
  usrBin: string;
  log: string;
  run(script: 'afterInstall' | 'afterRemove'): void;
}

function world(withAlternatives: boolean): World {
  const root = mkdtempSync(join(tmpdir(), 'kd-deb-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const opt = join(root, 'opt', pkg.productName);
  const shim = join(opt, 'resources/bin/kubedesk');
  mkdirSync(dirname(shim), { recursive: true });
  copyFileSync(join(ROOT, 'build/bin/kubedesk'), shim);
  chmodSync(shim, 0o644);
  const app = join(opt, 'kubedesk');
  writeFileSync(app, `#!/bin/sh\nprintf '%s\\n' "$0" "$@" > ${JSON.stringify(join(root, 'app-argv'))}\n`);
  chmodSync(app, 0o755);
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  mkdirSync(join(root, 'etc/alternatives'), { recursive: true });
  const log = join(root, 'alternatives.log');
  const fake = join(root, 'fakebin');
  mkdirSync(fake);
  if (withAlternatives) {
    writeFileSync(join(fake, 'update-alternatives'), `#!/bin/sh\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\n`);
    chmodSync(join(fake, 'update-alternatives'), 0o755);
  }
  // The few programs the scripts use, and nothing else from this machine's /usr/bin.
  for (const tool of ['chmod', 'readlink', 'rm', 'ln', 'cp', 'unshare']) {
    const found = ['/usr/bin', '/bin'].map((d) => join(d, tool)).find((p) => existsSync(p));
    if (found) symlinkSync(found, join(fake, tool));
  }
  return {
    root,
    shim,
    app,
    usrBin: join(root, 'usr/bin/kubedesk'),
    log,
    run(script) {
      const text = render(pkg.build.deb[script]).replace(/'\/(usr\/bin|opt|etc)\//g, `'${root}/$1/`);
      const r = spawnSync('/bin/bash', ['-c', text], { encoding: 'utf8', env: { PATH: fake } });
      expect(r.status, r.stderr).toBe(0);
    },
  };
}

describe('deb install scripts', () => {
  it('render with electron-builder’s names only, and are valid bash', () => {
    for (const script of [pkg.build.deb.afterInstall, pkg.build.deb.afterRemove]) {
      const r = spawnSync('/bin/bash', ['-n'], { input: render(script), encoding: 'utf8' });
      expect(r.status, `${script}: ${r.stderr}`).toBe(0);
    }
  });

  it('register the shim, not the app binary, as /usr/bin/kubedesk with update-alternatives, replacing an older direct link', () => {
    const w = world(true);
    symlinkSync(w.app, w.usrBin); // what a deb built with electron-builder's default script left
    w.run('afterInstall');
    expect(statSync(w.shim).mode & 0o777).toBe(0o755);
    expect(existsSync(w.usrBin)).toBe(false);
    expect(readFileSync(w.log, 'utf8').split('\n').filter(Boolean)).toEqual([
      `--remove kubedesk ${w.app}`,
      `--install ${w.usrBin} kubedesk ${w.shim} 100`,
    ]);
    w.run('afterRemove');
    expect(readFileSync(w.log, 'utf8').split('\n').at(-2)).toBe(`--remove kubedesk ${w.shim}`);
  });

  it('without update-alternatives, link /usr/bin/kubedesk to the shim, which then runs the app as the command; remove unlinks it', () => {
    const w = world(false);
    w.run('afterInstall');
    expect(lstatSync(w.usrBin).isSymbolicLink()).toBe(true);
    expect(readlinkSync(w.usrBin)).toBe(w.shim);
    const r = spawnSync(w.usrBin, ['contexts'], { encoding: 'utf8', env: { PATH: process.env['PATH'] } });
    expect(r.status).toBe(0);
    expect(readFileSync(join(w.root, 'app-argv'), 'utf8')).toBe(
      [w.app, '--kubedesk-cli', '--ozone-platform=headless', '--', 'contexts', ''].join('\n'),
    );
    w.run('afterRemove');
    expect(existsSync(w.usrBin)).toBe(false);
  });
});
