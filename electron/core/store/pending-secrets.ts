// The keychain entries an import is writing, noted in KUBEDESK_HOME before each keychain write and
// cleared once the store that refers to them is written. A crash in between leaves the note, so
// the next start deletes exactly those entries the store does not refer to. Entries are never
// found by listing the keychain service: another KUBEDESK_HOME (a second profile, a test run)
// shares it, and its entries are not ours to judge.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';

export const PENDING_FILE = 'pending-secrets.json';

export class PendingSecrets {
  readonly file: string;

  constructor(home: string) {
    this.file = join(home, PENDING_FILE);
  }

  /** The noted accounts; none when the file is missing or unreadable (it is only a hint). */
  async read(): Promise<string[]> {
    try {
      const doc = JSON.parse(await readFile(this.file, 'utf8')) as { accounts?: unknown };
      return Array.isArray(doc.accounts) ? doc.accounts.filter((a): a is string => typeof a === 'string') : [];
    } catch {
      return [];
    }
  }

  /** Call under the store's lock. */
  async add(account: string): Promise<void> {
    const accounts = await this.read();
    if (!accounts.includes(account)) await this.#write([...accounts, account]);
  }

  /** Call under the store's lock. */
  async remove(done: readonly string[]): Promise<void> {
    const accounts = await this.read();
    const left = accounts.filter((a) => !done.includes(a));
    if (left.length !== accounts.length) await this.#write(left);
  }

  async #write(accounts: string[]): Promise<void> {
    if (accounts.length === 0) await rm(this.file, { force: true });
    else await writeFileAtomic(this.file, JSON.stringify({ accounts }, null, 2) + '\n');
  }
}
