import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { adminAppleScript, installCommand } from '../../../electron/main/install-command.ts';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "kd-install 'cmd' "));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Plays the administrator prompt the user accepts: runs the command with sh, as osascript's `do shell script` does. */
const acceptingAdmin = vi.fn(async (command: string) => void execFileSync('/bin/sh', ['-c', command]));

describe("macOS's Install 'kubedesk' command in PATH", () => {
  it('links the command to the bundled shim, then finds it already there', async () => {
    const dir = tempDir();
    const shim = join(dir, 'KubeDesk.app/Contents/Resources/bin/kubedesk');
    const link = join(dir, 'kubedesk');
    const runAsAdmin = vi.fn(async () => {});
    expect(await installCommand({ shim, link, runAsAdmin })).toBe('installed');
    expect(readlinkSync(link)).toBe(shim);
    expect(await installCommand({ shim, link, runAsAdmin })).toBe('already-installed');
    expect(runAsAdmin).not.toHaveBeenCalled();
  });

  it("replaces a link to another copy of KubeDesk, but not someone else's file", async () => {
    const dir = tempDir();
    const shim = join(dir, 'new/kubedesk');
    const link = join(dir, 'kubedesk');
    symlinkSync(join(dir, 'old/kubedesk'), link);
    expect(await installCommand({ shim, link, runAsAdmin: acceptingAdmin })).toBe('installed');
    expect(readlinkSync(link)).toBe(shim);

    const other = join(dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'kubedesk'), '#!/bin/sh\n');
    await expect(installCommand({ shim, link: join(other, 'kubedesk'), runAsAdmin: acceptingAdmin })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('is not a link to KubeDesk'),
    });
    expect(readFileSync(join(other, 'kubedesk'), 'utf8')).toBe('#!/bin/sh\n');
  });

  it('asks for an administrator when it cannot write there (here: /usr/local/bin missing), quoting every path', async () => {
    const dir = tempDir();
    const shim = join(dir, "Apps/Kube Desk's.app/Contents/Resources/bin/kubedesk");
    const link = join(dir, 'usr/local/bin/kubedesk');
    acceptingAdmin.mockClear();
    expect(await installCommand({ shim, link, runAsAdmin: acceptingAdmin })).toBe('installed-as-admin');
    expect(acceptingAdmin).toHaveBeenCalledOnce();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(shim);
  });

  it('reports a refused prompt, and a prompt that made no link', async () => {
    const dir = tempDir();
    const o = { shim: join(dir, 'kubedesk'), link: join(dir, 'missing/kubedesk') };
    const cancelled = Object.assign(new Error('User canceled. (-128)'), { code: 1 });
    await expect(installCommand({ ...o, runAsAdmin: () => Promise.reject(cancelled) })).rejects.toMatchObject({
      code: 'forbidden',
      message: `${o.link} was not created: the administrator prompt was refused or failed`,
    });
    await expect(installCommand({ ...o, runAsAdmin: async () => {} })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('hands the shell command to AppleScript as one string literal', () => {
    expect(adminAppleScript(`ln -sfn '/A "b"\\c' '/usr/local/bin/kubedesk'`)).toBe(
      `do shell script "ln -sfn '/A \\"b\\"\\\\c' '/usr/local/bin/kubedesk'" with administrator privileges`,
    );
  });
});
