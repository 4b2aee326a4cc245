// Runs the built main process (out/main/index.js) under Node with the stand-in electron module
// (fake-electron/electron.ts) and talks to it: each report is a JSON line on its stdout, each
// command a JSON line on its stdin. For tests of the whole app: main-bundle.test.ts, deep-links.test.ts.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { expect } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const BUNDLE = join(ROOT, 'out/main/index.js');

export type Report = { ev: string } & Record<string, unknown>;

export interface RunningApp {
  child: ChildProcessWithoutNullStreams;
  kubedeskHome: string;
  reports: Report[];
  exited: Promise<number | null>;
  /** The first report EV (passing TEST), already seen or still to come. */
  next(ev: string, test?: (r: Report) => boolean): Promise<Report>;
  /** Sends a command and waits for the report it produces after it (`<cmd>.result`, or `ev`). */
  send(command: Record<string, unknown>, ev?: string, test?: (r: Report) => boolean): Promise<Report>;
  evs(): string[];
}

/** Starts the app on KUBECONFIG, with a temp HOME and KUBEDESK_HOME; resolves once its window loads. */
export async function startApp(kubeconfig: string): Promise<RunningApp> {
  expect(existsSync(BUNDLE), `${BUNDLE} is missing: run npm run build`).toBe(true);
  const tmp = mkdtempSync(join(tmpdir(), 'kd-main-'));
  const kubedeskHome = join(tmp, 'kubedesk');
  const child = spawn(process.execPath, ['--import', join(import.meta.dirname, 'fake-electron/electron.ts'), BUNDLE], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'],
      HOME: join(tmp, 'home'),
      KUBEDESK_HOME: kubedeskHome,
      KUBECONFIG: kubeconfig,
      SHELL: '/bin/sh',
      KUBEDESK_FAKE_ELECTRON: '1',
      // No session bus: the app's keychain calls fail (and are reported) instead of touching the
      // keyring other tests use.
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/kubedesk-test-bus',
    },
  });
  const reports: Report[] = [];
  const waiters: Array<{ test: (r: Report) => boolean; done: (r: Report) => void }> = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const r = JSON.parse(line) as Report;
    reports.push(r);
    for (const w of [...waiters]) {
      if (w.test(r)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done(r);
      }
    }
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));

  const next = (ev: string, test: (r: Report) => boolean = () => true): Promise<Report> => {
    const seen = reports.find((r) => r.ev === ev && test(r));
    if (seen) return Promise.resolve(seen);
    return new Promise((done) => waiters.push({ test: (r) => r.ev === ev && test(r), done }));
  };
  const send = (
    command: Record<string, unknown>,
    ev = `${String(command['cmd'])}.result`,
    test?: (r: Report) => boolean,
  ): Promise<Report> => {
    const before = reports.length;
    const p = new Promise<Report>((done) =>
      waiters.push({ test: (r) => r.ev === ev && reports.indexOf(r) >= before && (test?.(r) ?? true), done }),
    );
    child.stdin.write(`${JSON.stringify(command)}\n`);
    return p;
  };

  const died = exited.then((code) => Promise.reject(new Error(`main exited (${code}) before loading its window: ${stderr}`)));
  await Promise.race([next('window.loadURL'), died]);
  return { child, kubedeskHome, reports, exited, next, send, evs: () => reports.map((r) => r.ev) };
}
