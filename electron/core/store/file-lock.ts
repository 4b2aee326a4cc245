// A lock file beside a file (`FILE.lock`, as kubectl's clientcmd does for kubeconfigs), so the
// app and a `kubedesk` command never interleave their read-modify-write of the same file.
import { open, readFile, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeDeskError } from '../errors.ts';

export interface LockOptions {
  timeoutMs?: number;
  /** A lock older than this is considered abandoned. */
  staleMs?: number;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isAbandoned(lock: string, staleMs: number): Promise<boolean> {
  try {
    const [info, text] = await Promise.all([stat(lock), readFile(lock, 'utf8')]);
    if (Date.now() - info.mtimeMs > staleMs) return true;
    const pid = Number(text.trim());
    return Number.isInteger(pid) && pid > 0 && !processIsAlive(pid);
  } catch {
    return false;
  }
}

export async function withFileLock<T>(file: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    try {
      const h = await open(lock, 'wx', 0o600);
      try {
        await h.writeFile(String(process.pid));
      } finally {
        await h.close();
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (await isAbandoned(lock, opts.staleMs ?? 30_000)) {
        await rm(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new KubeDeskError(
          'timeout',
          `${lock}: another KubeDesk process is writing ${file}; if none is running, delete the lock file`,
        );
      }
      await sleep(20);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { force: true });
  }
}
