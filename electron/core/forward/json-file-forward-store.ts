// ForwardStore as one JSON file under KUBEDESK_HOME, mode 0600, replaced under its lock file with
// store/atomic-write.ts (temp file, fsync, rename): a crash at any moment leaves the previous
// file whole. No secrets are ever in it: a forward names a context, never its credentials.
// dispose() waits for the saves under way and refuses later ones (store/in-flight-writes.ts), so
// the list the user last saw is on disk, and nothing is written, once the app has quit.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { forwardSpecSchema } from '../../shared/schemas/forward.ts';
import { describe, KubeDeskError } from '../errors.ts';
import { writeFileAtomic, type AtomicWriteHooks } from '../store/atomic-write.ts';
import { withFileLock } from '../store/file-lock.ts';
import { InFlightWrites } from '../store/in-flight-writes.ts';
import type { ForwardStore, SavedForward } from './forward-store.ts';

const fileSchema = z.object({
  version: z.literal(1),
  forwards: z.array(z.object({ id: z.string().min(1).max(64), spec: forwardSpecSchema })),
});

export const FORWARDS_FILE = 'forwards.json';

interface JsonFileForwardStoreOptions {
  /** Test seam into the atomic write (a crash between the temp write and the rename). */
  hooks?: AtomicWriteHooks;
}

export class JsonFileForwardStore implements ForwardStore {
  readonly file: string;
  #hooks: AtomicWriteHooks | undefined;
  #inFlight: InFlightWrites;

  constructor(file: string, opts: JsonFileForwardStoreOptions = {}) {
    this.file = file;
    this.#hooks = opts.hooks;
    this.#inFlight = new InFlightWrites(file);
  }

  async load(): Promise<SavedForward[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new KubeDeskError('internal', `${this.file}: ${describe(err)}`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new KubeDeskError('invalid-input', `${this.file}: not valid JSON`);
    }
    const parsed = fileSchema.safeParse(data);
    if (!parsed.success)
      throw new KubeDeskError(
        'invalid-input',
        `${this.file}: not a KubeDesk forwards file (${parsed.error.issues[0]?.message ?? 'invalid'})`,
      );
    return parsed.data.forwards;
  }

  /**
   * Saves are serialised; each replaces the file in one rename, under the file's lock. After
   * dispose() a save is refused with KubeDeskError 'cancelled' and writes nothing.
   */
  save(forwards: readonly SavedForward[]): Promise<void> {
    const text = JSON.stringify({ version: 1, forwards }, null, 2) + '\n';
    return this.#inFlight.runInTurn(() => this.#write(text));
  }

  /** Waits for the saves under way (queued ones included); later ones are refused. */
  dispose(): Promise<void> {
    return this.#inFlight.dispose();
  }

  async #write(text: string): Promise<void> {
    try {
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      await withFileLock(this.file, () => writeFileAtomic(this.file, text, { hooks: this.#hooks }));
    } catch (err) {
      if (err instanceof KubeDeskError) throw err;
      throw new KubeDeskError('internal', `${this.file}: ${describe(err)}`);
    }
  }
}
