// Runs the real `kubedesk` command as a child process (Node >= 22, type stripping), as users do.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

export const ROOT = join(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'electron/cli/kubedesk.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  cwd?: string;
  timeoutMs?: number;
}

/** Runs `kubedesk ARGS` to completion. */
export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export interface LongRunning {
  child: ChildProcessWithoutNullStreams;
  /** stdout lines so far. */
  lines: string[];
  stderr(): string;
  /** Resolves with the first stdout line matching `re`. */
  waitForLine(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGINT, then resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts a long-running command (`serve`, `proxy`, `forward`, `demo`); stopped when the test ends. */
export function startCli(args: string[], opts: CliOptions = {}): LongRunning {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...opts.env } });
  const lines: string[] = [];
  let err = '';
  let partial = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    partial += d.toString();
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters) w();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  try {
    onTestFinished(async () => void (await stop()));
  } catch {
    // Started from a beforeAll hook: the caller stops it in afterAll.
  }
  return {
    child,
    lines,
    stderr: () => err,
    stop,
    waitForLine: (re, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          for (const l of lines) {
            const m = re.exec(l);
            if (m) {
              cleanup();
              resolve(m);
              return true;
            }
          }
          return false;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no line matching ${re} within ${timeoutMs} ms; stdout: ${lines.join('\\n')}; stderr: ${err}`));
        }, timeoutMs);
        const onExit = (): void => {
          if (!check()) {
            cleanup();
            reject(new Error(`exited before printing ${re}; stderr: ${err}`));
          }
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(listener);
          child.off('close', onExit);
        };
        const listener = (): void => void check();
        if (check()) return;
        waiters.add(listener);
        child.on('close', onExit);
      }),
  };
}
