// electron/cli/kubedesk.mjs starts a long-running command's Node again with memory flags, in the
// same process (process.execve), and nothing else (docs/cli.md, Memory). A module preloaded through
// NODE_OPTIONS records each start of Node and what the process looks like when it exits.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, startCli } from '../../support/run-cli.ts';

const FLAGS = ['--max-semi-space-size=1', '--heap-growing-percent=50'];
const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: dev
clusters: [{name: dev, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: alice, user: {token: memory-flags-token}}]
contexts: [{name: dev, context: {cluster: dev, user: alice}}]
`;
const RECORDER = `
import { appendFileSync } from 'node:fs';
const record = (what) => appendFileSync(process.env.KD_STARTS_FILE, JSON.stringify({ what, pid: process.pid, execArgv: process.execArgv, marked: 'KUBEDESK_MEMORY_FLAGS' in process.env, user: process.env.KD_USER_VAR ?? null, mmap: process.env.MALLOC_MMAP_THRESHOLD_ ?? null }) + '\\n');
record('start');
process.on('exit', () => record('exit'));
`;

interface Record {
  what: 'start' | 'exit';
  pid: number;
  execArgv: string[];
  marked: boolean;
  user: string | null;
  mmap: string | null;
}

let dir: string;
let kubeconfig: string;
let recorder: string;
let runs = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kd-memory-flags-'));
  kubeconfig = join(dir, 'config');
  recorder = join(dir, 'recorder.mjs');
  writeFileSync(kubeconfig, KUBECONFIG);
  writeFileSync(recorder, RECORDER);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Env that records every start and exit of Node in a file of its own; the file's path. */
function recording(nodeOptions = '', mmap?: string): { env: NodeJS.ProcessEnv; records: () => Record[] } {
  const file = join(dir, `starts-${++runs}.jsonl`);
  writeFileSync(file, '');
  return {
    env: {
      NODE_OPTIONS: `--import ${recorder} ${nodeOptions}`.trim(),
      KD_STARTS_FILE: file,
      KD_USER_VAR: 'kept',
      MALLOC_MMAP_THRESHOLD_: mmap,
    },
    records: () =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record),
  };
}

function cmdline(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

describe.runIf(typeof process.execve === 'function')('kubedesk.mjs memory flags', () => {
  it('starts `proxy` again once, in the same process, with the flags; the command sees the user env and exits 0 on SIGINT', async () => {
    const rec = recording();
    const proxy = startCli(['proxy', '--port', '0', '--kubeconfig', kubeconfig], { env: rec.env });
    await proxy.waitForLine(/^Starting to serve on 127\.0\.0\.1:\d+$/);
    const pid = proxy.child.pid!;
    if (process.platform === 'linux') {
      const args = cmdline(pid);
      for (const flag of FLAGS) expect(args.filter((a) => a === flag)).toHaveLength(1);
      expect(args.slice(-5)).toEqual(['proxy', '--port', '0', '--kubeconfig', kubeconfig]);
    }
    expect(await proxy.stop()).toBe(0);
    const records = rec.records();
    expect(records.map((r) => [r.what, r.pid])).toEqual([
      ['start', pid],
      ['start', pid],
      ['exit', pid],
    ]);
    const [first, second, exit] = records as [Record, Record, Record];
    expect(first.execArgv).toEqual([]);
    expect(first.marked).toBe(false);
    expect(second.execArgv).toEqual(FLAGS);
    expect([first.mmap, second.mmap]).toEqual([null, '32768']);
    // What the launcher added is its own: gone before the command runs, the user's variables kept.
    expect(exit.marked).toBe(false);
    expect(exit.mmap).toBeNull();
    expect(exit.user).toBe('kept');
  });

  it("keeps the user's own MALLOC_MMAP_THRESHOLD_", async () => {
    const rec = recording('', '65536');
    const proxy = startCli(['proxy', '--port', '0', '--kubeconfig', kubeconfig], { env: rec.env });
    await proxy.waitForLine(/^Starting to serve on /);
    expect(await proxy.stop()).toBe(0);
    expect(rec.records().map((r) => [r.what, r.execArgv, r.mmap])).toEqual([
      ['start', [], '65536'],
      ['start', FLAGS, '65536'],
      ['exit', FLAGS, '65536'],
    ]);
  });

  it('runs a short command in the first Node, without the flags', async () => {
    const rec = recording();
    const r = await runCli(['contexts', '--kubeconfig', kubeconfig], { env: rec.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dev');
    expect(rec.records().map((x) => [x.what, x.execArgv])).toEqual([
      ['start', []],
      ['exit', []],
    ]);
  });

  it('runs `proxy --help` without starting again', async () => {
    const rec = recording();
    const r = await runCli(['proxy', '--help'], { env: rec.env });
    expect(r.code).toBe(0);
    expect(rec.records().filter((x) => x.what === 'start')).toHaveLength(1);
  });

  it.each([
    ['NODE_OPTIONS', '--max-semi-space-size=4'],
    ['NODE_OPTIONS', '--max_semi_space_size=4'],
  ])('leaves the heap flags to the user who set them in %s (%s)', async (_where, flag) => {
    const rec = recording(flag);
    const proxy = startCli(['proxy', '--port', '0', '--kubeconfig', kubeconfig], { env: rec.env });
    await proxy.waitForLine(/^Starting to serve on /);
    expect(await proxy.stop()).toBe(0);
    expect(rec.records().filter((x) => x.what === 'start')).toHaveLength(1);
  });

  it.each([
    [['--no-warnings'], [['--no-warnings'], ['--no-warnings', ...FLAGS]]],
    [['--max-semi-space-size=2'], [['--max-semi-space-size=2']]],
  ])("keeps node's own arguments %j, and leaves heap flags given there to the user", async (nodeArgs, starts) => {
    const rec = recording();
    const child = spawn(process.execPath, [...nodeArgs, CLI, 'proxy', '--port', '0', '--kubeconfig', kubeconfig], {
      env: { ...process.env, ...rec.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => d.toString().includes('Starting to serve on') && resolve()),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(
      rec
        .records()
        .filter((x) => x.what === 'start')
        .map((x) => x.execArgv),
    ).toEqual(starts);
  });
});
