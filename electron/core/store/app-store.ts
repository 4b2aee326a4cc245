// The app store file: read it, or change it under a lock with an atomic write. A store that
// cannot be read is never silently reset: reads report it and show no imported
// context; the next change keeps a copy of it beside the new store and says where. dispose()
// waits for the changes under way and refuses later ones (in-flight-writes.ts).
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, join } from 'node:path';
import { KubeDeskError } from '../errors.ts';
import type { Disposable } from '../lifecycle.ts';
import { describeIssue, formatFieldPath } from '../kubeconfig/kubeconfig-schema.ts';
import { writeFileAtomic, type AtomicWriteHooks } from './atomic-write.ts';
import { processIsAlive as isAlive, withFileLock } from './file-lock.ts';
import { InFlightWrites } from './in-flight-writes.ts';
import { emptyStore, STORE_FILE, STORE_VERSION, storeSchema, type StoreDoc } from './store-schema.ts';

export type StoreState = 'missing' | 'ok' | 'corrupt' | 'newer';

export interface StoreRead {
  doc: StoreDoc;
  state: StoreState;
  /** Why the file was not used (corrupt or from a newer KubeDesk). */
  problem?: string;
}

export interface AppStoreOptions {
  /** KUBEDESK_HOME. */
  home: string;
  hooks?: AtomicWriteHooks;
  clock?: () => Date;
}

export interface StoreUpdate<T> {
  value: T;
  /** Set when a corrupt store was kept aside: tell the user where. */
  notice?: string;
}

export class AppStore implements Disposable {
  readonly home: string;
  readonly file: string;
  #hooks: AtomicWriteHooks | undefined;
  #clock: () => Date;
  #writes: InFlightWrites;
  /** Notices of this process (a store kept aside), shown until the app restarts. */
  readonly notices: string[] = [];

  constructor(opts: AppStoreOptions) {
    this.home = opts.home;
    this.file = join(opts.home, STORE_FILE);
    this.#hooks = opts.hooks;
    this.#clock = opts.clock ?? (() => new Date());
    this.#writes = new InFlightWrites(this.file);
  }

  async read(): Promise<StoreRead> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { doc: emptyStore(), state: 'missing' };
      throw new KubeDeskError('internal', `${this.file}: cannot read the KubeDesk store: ${code ?? (err as Error).message}`);
    }
    return this.#parse(text);
  }

  #parse(text: string): StoreRead {
    const unusable = (why: string): StoreRead => ({
      doc: emptyStore(),
      state: 'corrupt',
      problem:
        `${this.file}: ${why}. Imported clusters cannot be shown; the file is left as it is ` +
        '(the next import keeps a copy of it beside a new store). Their secrets are still in the keychain.',
    });
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      return unusable(`not valid JSON (${(err as Error).message})`);
    }
    const version = (raw as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > STORE_VERSION) {
      return {
        doc: emptyStore(),
        state: 'newer',
        problem: `${this.file}: written by a newer KubeDesk (store version ${version}; this one reads version ${STORE_VERSION}). Update KubeDesk; the file is left as it is.`,
      };
    }
    // Older versions would be migrated here, one step per version.
    const parsed = storeSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return unusable(`${formatFieldPath(issue.path) || '(top level)'}: ${describeIssue(issue)}`);
    }
    return { doc: parsed.data as StoreDoc, state: 'ok' };
  }

  /** Temp files of writers that died before their rename (a crash); ours is already renamed. */
  async #removeStaleTempFiles(): Promise<void> {
    const prefix = `.${basename(this.file)}.`;
    for (const name of await readdir(this.home).catch(() => [] as string[])) {
      const pid = Number(/^\.[^.]+\.json\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name)?.[1]);
      if (!name.startsWith(prefix) || !pid || isAlive(pid)) continue;
      await rm(join(this.home, name), { force: true });
    }
  }

  /**
   * Reads the store under its lock and runs `fn` without writing it: while `fn` runs no other
   * process is between an import's keychain write and its store write (both happen in `update`).
   */
  whileLocked<T>(fn: (current: StoreRead) => Promise<T>): Promise<T> {
    return this.#writes.run(async () => {
      await mkdir(this.home, { recursive: true, mode: 0o700 });
      return withFileLock(this.file, async () => fn(await this.read()));
    });
  }

  /**
   * Changes the store under its lock: `change` edits the document it is given (and may do other
   * work that the caller undoes if this throws); then the new document replaces the file
   * atomically. A crash at any point leaves the previous store intact.
   */
  update<T>(change: (doc: StoreDoc) => Promise<T> | T): Promise<StoreUpdate<T>> {
    return this.#writes.run(() => this.#update(change));
  }

  async #update<T>(change: (doc: StoreDoc) => Promise<T> | T): Promise<StoreUpdate<T>> {
    await mkdir(this.home, { recursive: true, mode: 0o700 });
    return withFileLock(this.file, async () => {
      const current = await this.read();
      if (current.state === 'newer') throw new KubeDeskError('invalid-input', current.problem!);
      const doc = structuredClone(current.doc);
      const value = await change(doc);
      let notice: string | undefined;
      if (current.state === 'corrupt') {
        const stamp = this.#clock().toISOString().replace(/[:.]/g, '-');
        const aside = `${this.file}.corrupt-${stamp}`;
        await copyFile(this.file, aside, constants.COPYFILE_EXCL);
        notice = `${this.file} could not be read; kept it as ${aside} and started a new store.`;
        this.notices.push(notice);
      }
      await writeFileAtomic(this.file, JSON.stringify(doc, null, 2) + '\n', { hooks: this.#hooks });
      await this.#removeStaleTempFiles();
      return notice === undefined ? { value } : { value, notice };
    });
  }

  /** Waits for the reads-under-lock and changes under way; later ones are refused (`cancelled`). */
  dispose(): Promise<void> {
    return this.#writes.dispose();
  }
}
