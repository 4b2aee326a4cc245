// `kubedesk demo` (docs/cli.md): ready lines, the kubeconfig it writes, real kubectl against it, and
// a clean stop on the signal (temp dir with the secrets removed). Runs the command module in
// process, as the CLI's main does.
import { connect } from 'node:net';
import { PassThrough } from 'node:stream';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { demoCommand } from '../../../../electron/cli/commands/demo.ts';
import { UsageError, type CliIo } from '../../../../electron/cli/command.ts';
import { kubectl, kubectlHome } from './demo-support.ts';

function io(): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return {
    io: { stdout, stderr, stdin: new PassThrough(), env: {}, cwd: process.cwd(), color: false, stdinIsTTY: false },
    out: () => out,
    err: () => err,
  };
}

async function waitFor(fn: () => string, re: RegExp, ms = 15_000): Promise<RegExpMatchArray> {
  const end = Date.now() + ms;
  for (;;) {
    const m = fn().match(re);
    if (m) return m;
    if (Date.now() > end) throw new Error(`no ${re} in ${fn()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('kubedesk demo', () => {
  it('prints the ready lines, serves kubectl, and on the signal stops and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubedesk-demo-cmd-'));
    const home = kubectlHome();
    onTestFinished(() => {
      rmSync(dir, { recursive: true, force: true });
      home.cleanup();
    });
    const t = io();
    const ac = new AbortController();
    const done = demoCommand.run({ io: t.io, values: { port: '0', dir, services: '25' }, positionals: [], signal: ac.signal });
    onTestFinished(() => ac.abort());
    const m = await waitFor(t.out, /^Demo cluster serving on https:\/\/127\.0\.0\.1:(\d+)\nKubeconfig: (.+)\n$/);
    expect(m[2]).toBe(join(dir, 'kubeconfig'));
    expect(statSync(m[2]!).mode & 0o777).toBe(0o600);
    const r = await kubectl(m[2]!, home.home, ['get', 'svc', '-n', 'bulk', '--no-headers']);
    expect(r.stdout.trim().split('\n')).toHaveLength(25);
    ac.abort();
    expect(await done).toBe(0);
    await expect(
      new Promise((resolve, reject) => {
        const s = connect(Number(m[1]), '127.0.0.1', () => resolve(s.destroy()));
        s.on('error', reject);
      }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(existsSync(m[2]!)).toBe(true);
  });

  it('without --dir writes to a fresh temp dir and removes it on exit', async () => {
    const t = io();
    const ac = new AbortController();
    const done = demoCommand.run({ io: t.io, values: {}, positionals: [], signal: ac.signal });
    onTestFinished(() => ac.abort());
    const m = await waitFor(t.out, /Kubeconfig: (.+)\n/);
    expect(existsSync(m[1]!)).toBe(true);
    ac.abort();
    expect(await done).toBe(0);
    expect(existsSync(dirname(m[1]!))).toBe(false);
  });

  it('--restart-every restarts a web pod and says so on stderr', async () => {
    const t = io();
    const ac = new AbortController();
    const done = demoCommand.run({ io: t.io, values: { 'restart-every': '1' }, positionals: [], signal: ac.signal });
    onTestFinished(() => ac.abort());
    await waitFor(t.err, /Restarted pod shop\/web-5d8f7c9b6d-\w{5}; replaced by web-5d8f7c9b6d-\w{5}/, 10_000);
    ac.abort();
    expect(await done).toBe(0);
  });

  it('rejects a bad --port or --restart-target as a usage error', async () => {
    const ac = new AbortController();
    await expect(demoCommand.run({ io: io().io, values: { port: 'x' }, positionals: [], signal: ac.signal })).rejects.toBeInstanceOf(
      UsageError,
    );
    await expect(
      demoCommand.run({ io: io().io, values: { 'restart-target': 'web' }, positionals: [], signal: ac.signal }),
    ).rejects.toBeInstanceOf(UsageError);
  });
});
