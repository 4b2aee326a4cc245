// Import, add, remove and rename imported contexts: the store keeps clusters, users and
// contexts; each user's secrets go to one keychain entry. Every change is all-or-nothing: a
// keychain or store failure half-way undoes the keychain writes already made. dispose() waits for
// the changes under way, each as a whole (an import's last step clears its note), then the store's.
import { randomBytes } from 'node:crypto';
import { KubeDeskError } from '../errors.ts';
import type { Disposable } from '../lifecycle.ts';
import type { Logger } from '../log.ts';
import type { SecretStore } from '../credentials/secret-store.ts';
import { splitUserSecrets, UserSecrets } from '../credentials/user-secrets.ts';
import type { ClusterFields, UserFields } from '../kubeconfig/kubeconfig-types.ts';
import type { AppStore, StoreRead } from './app-store.ts';
import { InFlightWrites } from './in-flight-writes.ts';
import { PendingSecrets } from './pending-secrets.ts';
import { Rollback } from './rollback.ts';
import { knownClusterFields, knownPublicUserFields, type StoreDoc, type StoredContext, type StoredUser } from './store-schema.ts';

/** One context to import, already validated, paths already absolute; the user may hold secrets. */
export interface ImportCandidate {
  name: string;
  namespace?: string | undefined;
  cluster: { name: string; fields: ClusterFields };
  user: { name: string; fields: UserFields };
}

export interface ImportedContextsDeps {
  store: AppStore;
  secrets: SecretStore;
  log: Logger;
  newId?: () => string;
  now?: () => Date;
}

export interface ChangeResult<T> {
  value: T;
  notice?: string | undefined;
}

const newId = (): string => randomBytes(6).toString('hex');

function findImported(doc: StoreDoc, name: string): StoredContext | undefined {
  return doc.contexts.find((c) => c.name === name);
}

export class ImportedContexts implements Disposable {
  #deps: ImportedContextsDeps;
  #pending: PendingSecrets;
  #changes: InFlightWrites;

  constructor(deps: ImportedContextsDeps) {
    this.#deps = deps;
    this.#pending = new PendingSecrets(deps.store.home);
    this.#changes = new InFlightWrites(deps.store.file);
  }

  get store(): AppStore {
    return this.#deps.store;
  }

  read(): Promise<StoreRead> {
    return this.#deps.store.read();
  }

  /** Runs a store change; on any failure, undoes the keychain steps it registered. */
  async #change<T>(what: string, fn: (doc: StoreDoc, rollback: Rollback) => Promise<T>): Promise<ChangeResult<T>> {
    const rollback = new Rollback(this.#deps.log);
    try {
      const r = await this.#deps.store.update((doc) => fn(doc, rollback));
      return r;
    } catch (err) {
      this.#deps.log.warn(`${what} failed; rolling back`, { error: err instanceof Error ? err.message : String(err) });
      await rollback.run();
      throw err;
    }
  }

  /** A whole change that dispose() waits for. */
  #changeOnce<T>(what: string, fn: (doc: StoreDoc, rollback: Rollback) => Promise<T>): Promise<ChangeResult<T>> {
    return this.#changes.run(() => this.#change(what, fn));
  }

  /** Adds the candidates; returns their names. Fails as a whole if any name is taken. */
  import(candidates: ImportCandidate[], origin: string): Promise<ChangeResult<string[]>> {
    return this.#changes.run(async () => {
      if (candidates.length === 0) throw new KubeDeskError('invalid-input', 'nothing to import: no context selected');
      const written: string[] = [];
      try {
        return await this.#importInto(candidates, origin, written);
      } finally {
        // Stored (or rolled back): no longer pending. A crash before this leaves them noted.
        if (written.length > 0) await this.#deps.store.whileLocked(() => this.#pending.remove(written)).catch(() => {});
      }
    });
  }

  #importInto(candidates: ImportCandidate[], origin: string, written: string[]): Promise<ChangeResult<string[]>> {
    return this.#change('import', async (doc, rollback) => {
      const names = new Set<string>();
      for (const c of candidates) {
        if (findImported(doc, c.name)) {
          throw new KubeDeskError('invalid-input', `context "${c.name}" is already imported; remove or rename it first`);
        }
        if (names.has(c.name)) throw new KubeDeskError('invalid-input', `context "${c.name}" is listed twice`);
        names.add(c.name);
      }
      const now = (this.#deps.now?.() ?? new Date()).toISOString();
      const id = this.#deps.newId ?? newId;
      // Entries shared by several contexts of one import stay shared; two imports never share.
      const clusterIds = new Map<string, string>();
      const userIds = new Map<string, string>();
      for (const c of candidates) {
        let clusterId = clusterIds.get(c.cluster.name);
        if (!clusterId) {
          clusterId = id();
          clusterIds.set(c.cluster.name, clusterId);
          doc.clusters.push({ id: clusterId, name: c.cluster.name, cluster: knownClusterFields(c.cluster.fields) });
        }
        let userId = userIds.get(c.user.name);
        if (!userId) {
          userId = id();
          userIds.set(c.user.name, userId);
          doc.users.push(await this.#storeUser(userId, c.user.name, c.user.fields, rollback, written));
        }
        doc.contexts.push({
          name: c.name,
          context: { cluster: clusterId, user: userId, ...(c.namespace ? { namespace: c.namespace } : {}) },
          origin,
          'imported-at': now,
        });
      }
      return candidates.map((c) => c.name);
    });
  }

  async #storeUser(userId: string, name: string, fields: UserFields, rollback: Rollback, written: string[]): Promise<StoredUser> {
    const { secrets } = splitUserSecrets(fields);
    const user: StoredUser = { id: userId, name, user: knownPublicUserFields(fields) };
    if (secrets.size === 0) return user;
    const account = `${name}#${userId}`;
    // Noted first (under the store's lock): a crash after the keychain write is then repaired.
    await this.#pending.add(account);
    written.push(account);
    await this.#deps.secrets.set(account, secrets.serialize());
    rollback.add(`delete keychain entry ${account}`, () => this.#deps.secrets.delete(account));
    this.#deps.log.info('secret stored in the keychain', {
      service: this.#deps.secrets.service,
      account,
      fields: secrets.fields.join(','),
    });
    return { ...user, secret: { service: this.#deps.secrets.service, account, fields: secrets.fields } };
  }

  /** Removes an imported context, and its cluster, user and keychain entry when no other uses them. */
  remove(name: string): Promise<ChangeResult<void>> {
    return this.#changeOnce('remove', async (doc, rollback) => {
      const ctx = findImported(doc, name);
      if (!ctx) throw new KubeDeskError('not-found', `context "${name}" is not an imported context`);
      doc.contexts = doc.contexts.filter((c) => c !== ctx);
      if (doc['current-context'] === name) delete doc['current-context'];
      if (!doc.contexts.some((c) => c.context.cluster === ctx.context.cluster)) {
        doc.clusters = doc.clusters.filter((c) => c.id !== ctx.context.cluster);
      }
      if (!doc.contexts.some((c) => c.context.user === ctx.context.user)) {
        const user = doc.users.find((u) => u.id === ctx.context.user);
        doc.users = doc.users.filter((u) => u.id !== ctx.context.user);
        if (user?.secret) await this.#deleteSecret(user.secret.account, rollback);
      }
    });
  }

  async #deleteSecret(account: string, rollback: Rollback): Promise<void> {
    // Keep the value so a failure later (the store write) can put it back.
    const previous = await this.#deps.secrets.get(account);
    await this.#deps.secrets.delete(account);
    if (previous !== null) rollback.add(`restore keychain entry ${account}`, () => this.#deps.secrets.set(account, previous));
    this.#deps.log.info('secret deleted from the keychain', { service: this.#deps.secrets.service, account });
  }

  rename(from: string, to: string): Promise<ChangeResult<void>> {
    return this.#changeOnce('rename', async (doc) => {
      const ctx = findImported(doc, from);
      if (!ctx) throw new KubeDeskError('not-found', `context "${from}" is not an imported context`);
      if (to === from) return;
      if (findImported(doc, to)) throw new KubeDeskError('invalid-input', `context "${to}" is already imported`);
      ctx.name = to;
      if (doc['current-context'] === from) doc['current-context'] = to;
    });
  }

  /** The store's current context (used when no kubeconfig sets one, and by the app). */
  setCurrent(name: string | undefined): Promise<ChangeResult<void>> {
    return this.#changeOnce('use', async (doc) => {
      if (name === undefined) delete doc['current-context'];
      else doc['current-context'] = name;
    });
  }

  /**
   * Deletes the keychain entries an import wrote but never recorded in the store: it crashed
   * between its keychain write and its store write (pending-secrets.ts noted them first). Runs
   * under the store's lock, so an import in flight in another process is never mistaken for one.
   * With a store that cannot be read, nothing is deleted. Returns how many were deleted; the log
   * gets the count, never an account's secret.
   */
  removeOrphanSecrets(): Promise<number> {
    return this.#changes.run(() => this.#removeOrphanSecrets());
  }

  #removeOrphanSecrets(): Promise<number> {
    return this.#deps.store.whileLocked(async (current) => {
      const noted = await this.#pending.read();
      if (noted.length === 0 || (current.state !== 'ok' && current.state !== 'missing')) return 0;
      const wanted = new Set(current.doc.users.flatMap((u) => (u.secret ? [u.secret.account] : [])));
      let removed = 0;
      for (const account of noted) if (!wanted.has(account) && (await this.#deps.secrets.delete(account))) removed += 1;
      await this.#pending.remove(noted);
      if (removed > 0) this.#deps.log.info('orphan keychain entries removed', { service: this.#deps.secrets.service, count: removed });
      return removed;
    });
  }

  /** The user's secrets from the keychain (none when it has no entry). */
  async secretsOf(user: StoredUser): Promise<UserSecrets> {
    if (!user.secret) return new UserSecrets();
    const text = await this.#deps.secrets.get(user.secret.account);
    if (text === null) {
      throw new KubeDeskError(
        'not-found',
        `the keychain has no entry "${user.secret.account}" (service ${user.secret.service}) for user "${user.name}"; import the context again`,
      );
    }
    return UserSecrets.parse(text, `keychain entry "${user.secret.account}"`);
  }

  /** Writes refreshed secrets back (OIDC tokens) to the user's keychain entry. */
  saveSecrets(user: StoredUser, secrets: UserSecrets): Promise<void> {
    return this.#changes.run(async () => {
      if (!user.secret) throw new KubeDeskError('internal', `user "${user.name}" has no keychain entry`);
      await this.#deps.secrets.set(user.secret.account, secrets.serialize());
    });
  }

  /** Waits for the changes under way (later ones are refused: `cancelled`), then for the store. */
  async dispose(): Promise<void> {
    await this.#changes.dispose();
    await this.#deps.store.dispose();
  }
}
