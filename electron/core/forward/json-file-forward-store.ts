// ForwardStore as one JSON file under KUBEDESK_HOME, written atomically (temp file + rename)
// with mode 0600. No secrets are ever in it: a forward names a context, never its credentials.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { forwardSpecSchema } from '../../shared/schemas/forward.ts';
import { describe, KubeDeskError } from '../errors.ts';
import type { ForwardStore, SavedForward } from './forward-store.ts';

const fileSchema = z.object({
  version: z.literal(1),
  forwards: z.array(z.object({ id: z.string().min(1).max(64), spec: forwardSpecSchema })),
});

export const FORWARDS_FILE = 'forwards.json';

export class JsonFileForwardStore implements ForwardStore {
  readonly file: string;
  #queue: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.file = file;
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

  /** Saves are serialised; each replaces the file in one rename. */
  save(forwards: readonly SavedForward[]): Promise<void> {
    const text = JSON.stringify({ version: 1, forwards }, null, 2) + '\n';
    const run = this.#queue.then(() => this.#write(text));
    this.#queue = run.catch(() => {});
    return run;
  }

  async #write(text: string): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = join(dirname(this.file), `.${FORWARDS_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, text, { mode: 0o600 });
      await rename(tmp, this.file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw new KubeDeskError('internal', `${this.file}: ${describe(err)}`);
    }
  }
}
