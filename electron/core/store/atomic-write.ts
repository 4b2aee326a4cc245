// Replaces a file so that a reader, or a crash at any moment, sees either the old content or the
// new one, never a mix: write a temp file beside it, fsync, rename over.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface AtomicWriteHooks {
  /** Runs after the temp file is complete and before the rename (tests crash here). */
  afterTempWrite?(tempFile: string): void | Promise<void>;
}

export interface AtomicWriteOptions {
  /** File mode of a new file; 0600 by default (the store is the user's only). */
  mode?: number;
  hooks?: AtomicWriteHooks | undefined;
}

function tempFileFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = tempFileFor(file);
  const handle = await open(temp, 'wx', opts.mode ?? 0o600);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await opts.hooks?.afterTempWrite?.(temp);
    await renameWithRetry(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

// Windows refuses a rename while another process (an antivirus, an indexer) holds the target
// open; it clears within milliseconds.
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await rename(from, to);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || attempt >= 10 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw err;
      await sleep(20 * (attempt + 1));
    }
  }
}

/** Makes the rename itself durable. Not possible (nor needed) on Windows. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const h = await open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // Some filesystems refuse fsync on a directory; the data itself is already synced.
  }
}
