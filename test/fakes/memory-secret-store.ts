// An in-memory SecretStore for unit tests, with failure injection to test rollbacks: `failAfter`
// lets that many operations of a kind succeed, then throws keychain-unavailable.
import { keychainUnavailable } from '../../electron/core/credentials/keychain-unavailable.ts';
import { KEYCHAIN_SERVICE, type SecretEntry, type SecretStore } from '../../electron/core/credentials/secret-store.ts';

type Op = 'get' | 'set' | 'delete' | 'findAll';

export class MemorySecretStore implements SecretStore {
  readonly service: string;
  readonly entries = new Map<string, string>();
  /** Every call, in order, for assertions. */
  readonly calls: Array<{ op: Op; account?: string }> = [];
  #failAfter = new Map<Op, number>();

  constructor(service: string = KEYCHAIN_SERVICE) {
    this.service = service;
  }

  /** After `n` more successful `op` calls, every further one fails (n = 0: the next one). */
  failAfter(op: Op, n: number): void {
    this.#failAfter.set(op, n);
  }

  /** Makes every call fail, as a missing D-Bus would. */
  unavailable(): void {
    for (const op of ['get', 'set', 'delete', 'findAll'] as const) this.failAfter(op, 0);
  }

  #enter(op: Op, account?: string): void {
    this.calls.push(account === undefined ? { op } : { op, account });
    const left = this.#failAfter.get(op);
    if (left === undefined) return;
    if (left <= 0) throw keychainUnavailable('Cannot autolaunch D-Bus without X11 $DISPLAY (injected)', 'linux');
    this.#failAfter.set(op, left - 1);
  }

  async get(account: string): Promise<string | null> {
    this.#enter('get', account);
    return this.entries.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.#enter('set', account);
    this.entries.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    this.#enter('delete', account);
    return this.entries.delete(account);
  }

  async findAll(): Promise<SecretEntry[]> {
    this.#enter('findAll');
    return [...this.entries].map(([account, secret]) => ({ account, secret }));
  }
}
