// Shared helpers for the demo cluster's integration tests: HTTPS requests with each credential,
// and real kubectl as a child process (its own HOME, the written kubeconfig).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';

const KUBECTL = '/usr/bin/kubectl';

export type Auth = 'token' | 'basic' | 'cert' | 'none' | 'bad-token';

export interface ApiResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export function api(
  c: DemoCluster,
  path: string,
  opts: { method?: string; body?: string | Buffer; headers?: Record<string, string>; auth?: Auth; agent?: false } = {},
): Promise<ApiResponse> {
  const auth = opts.auth ?? 'token';
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (auth === 'token') headers['Authorization'] = `Bearer ${c.credentials.token}`;
  if (auth === 'bad-token') headers['Authorization'] = 'Bearer not-the-token';
  if (auth === 'basic')
    headers['Authorization'] = `Basic ${Buffer.from(`${c.credentials.username}:${c.credentials.password}`).toString('base64')}`;
  if (opts.body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
  const url = new URL(path, c.url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: opts.method ?? 'GET',
        headers,
        ca: c.caPem,
        agent: false,
        ...(auth === 'cert' ? { cert: c.credentials.clientCertPem, key: c.credentials.clientKeyPem } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A private HOME so kubectl's discovery cache and config never touch the real one. */
export function kubectlHome(): { home: string; cleanup(): void } {
  const home = mkdtempSync(join(tmpdir(), 'kubedesk-kubectl-home-'));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export function kubectl(
  kubeconfig: string,
  home: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(KUBECTL, ['--kubeconfig', kubeconfig, ...args], {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end();
  });
}

export interface LongKubectl {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `re` in stdout (whole text so far). */
  waitFor(re: RegExp, timeoutMs?: number, stream?: 'stdout' | 'stderr'): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

export function kubectlLong(kubeconfig: string, home: string, args: string[], env: Record<string, string> = {}): LongKubectl {
  const child = spawn(KUBECTL, ['--kubeconfig', kubeconfig, ...args], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, ...env },
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const poke = (): void => {
    for (const w of [...waiters]) w();
  };
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    poke();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    poke();
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
    poke();
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor(re, timeoutMs = 20_000, stream = 'stdout') {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const m = (stream === 'stdout' ? out : err).match(re);
          if (m) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(m);
          } else if (exited) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`kubectl exited before ${re}: stdout=${out} stderr=${err}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${re}: stdout=${out} stderr=${err}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop() {
      return new Promise((resolve) => {
        if (exited || child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      });
    },
  };
}
