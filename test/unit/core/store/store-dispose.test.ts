// Quitting must not cut a store write short: once the core's dispose() resolves, every write it
// had started is on disk (no lock or temp file left behind) and no new one starts.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createCore, type Core } from '../../../../electron/core/core.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { AppStore } from '../../../../electron/core/store/app-store.ts';
import { PENDING_FILE } from '../../../../electron/core/store/pending-secrets.ts';
import { MemorySecretStore } from '../../../fakes/memory-secret-store.ts';
import { envSources, kubeconfig, rejectionOf, tempDir, writeFile } from '../../../support/kubedesk-fixtures.ts';

/** A keychain whose `set` (or `delete`) calls wait until the test lets them go; `entered` resolves at the first. */
class HeldSecretStore extends MemorySecretStore {
  #hold: 'set' | 'delete';
  #release!: () => void;
  #released = new Promise<void>((r) => (this.#release = r));
  #enteredNow!: () => void;
  readonly entered = new Promise<void>((r) => (this.#enteredNow = r));

  constructor(hold: 'set' | 'delete') {
    super();
    this.#hold = hold;
  }

  release(): void {
    this.#release();
  }

  override async set(account: string, secret: string): Promise<void> {
    if (this.#hold === 'set') await this.#wait();
    return super.set(account, secret);
  }

  override async delete(account: string): Promise<boolean> {
    if (this.#hold === 'delete') await this.#wait();
    return super.delete(account);
  }

  async #wait(): Promise<void> {
    this.#enteredNow();
    await this.#released;
  }
}

const ONE_CONTEXT = kubeconfig({
  clusters: [{ name: 'k', cluster: { server: 'https://127.0.0.1:6443' } }],
  users: [{ name: 'u', user: { token: 'held-token-0123456789' } }],
  contexts: [{ name: 'held', cluster: 'k', user: 'u' }],
});

function startCore(home: string, secrets: MemorySecretStore, files: string[] = []): Core {
  const core = createCore({ sources: envSources(...files), log: silentLogger, host: 'electron', secrets, home });
  onTestFinished(() => core.dispose());
  return core;
}

/**
 * Disposes while a store write is held in the keychain, and lets it go only on the next turn of
 * the event loop: a dispose() that does not wait for the write has resolved by then.
 */
async function disposeWhileHeld(core: Core, secrets: HeldSecretStore): Promise<void> {
  await secrets.entered;
  const disposing = core.dispose();
  setImmediate(() => secrets.release());
  await disposing;
}

describe("the core's dispose and the app store's writes", () => {
  it('an import under way when dispose() is called is fully written before dispose() resolves', async () => {
    const home = join(tempDir(), 'kd');
    const secrets = new HeldSecretStore('set');
    const core = startCore(home, secrets);
    const importing = core.handlers['contexts:import']({ yaml: ONE_CONTEXT }, new AbortController().signal);

    await disposeWhileHeld(core, secrets);

    // The last state the user saw is saved: the store names the context, the keychain has its token…
    expect(readdirSync(home)).toEqual(['store.json']);
    const doc = (await new AppStore({ home }).read()).doc;
    expect(doc.contexts.map((c) => c.name)).toEqual(['held']);
    expect(secrets.entries.get(doc.users[0]!.secret!.account)).toContain('held-token-0123456789');
    // …and nothing is left to finish afterwards.
    const written = readFileSync(join(home, 'store.json'), 'utf8');
    expect(await importing).toEqual({ imported: ['held'] });
    expect(readdirSync(home)).toEqual(['store.json']);
    expect(readFileSync(join(home, 'store.json'), 'utf8')).toBe(written);
  });

  it('the start-up keychain reconcile has finished (note cleared, no lock file left) once dispose() resolves', async () => {
    const home = join(tempDir(), 'kd');
    const secrets = new HeldSecretStore('delete');
    secrets.entries.set('crashed#abcdef012345', '{"token":"orphan"}');
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, PENDING_FILE), JSON.stringify({ accounts: ['crashed#abcdef012345'] }));
    const core = startCore(home, secrets);

    await disposeWhileHeld(core, secrets);

    expect(secrets.entries.has('crashed#abcdef012345')).toBe(false);
    expect(readdirSync(home)).toEqual([]);
  });

  it('a store change asked for after dispose() is refused and writes nothing', async () => {
    const dir = tempDir();
    const home = join(dir, 'kd');
    const file = writeFile(dir, 'config', ONE_CONTEXT);
    const core = startCore(home, new MemorySecretStore(), [file]);
    await core.dispose();

    const err = await rejectionOf(core.handlers['contexts:use']({ name: 'held' }, new AbortController().signal));
    expect(err.code).toBe('cancelled');
    expect(existsSync(join(home, 'store.json'))).toBe(false);
    expect(readdirSync(home)).toEqual([]);
  });
});

describe('the app store alone', () => {
  it('dispose() waits for a change under way, then refuses new ones', async () => {
    const home = tempDir();
    const store = new AppStore({ home });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const changing = store.update(async (doc) => {
      entered();
      await held;
      doc.preferences['last'] = 'seen';
    });
    await inside;
    const disposing = store.dispose();
    setImmediate(release);
    await disposing;

    expect(JSON.parse(readFileSync(store.file, 'utf8')).preferences).toEqual({ last: 'seen' });
    expect(readdirSync(home)).toEqual(['store.json']);
    await changing;
    expect((await rejectionOf(store.update((doc) => void (doc.preferences['later'] = 1)))).code).toBe('cancelled');
    expect((await rejectionOf(store.whileLocked(async () => 'x'))).code).toBe('cancelled');
    expect(JSON.parse(readFileSync(store.file, 'utf8')).preferences).toEqual({ last: 'seen' });
    expect(readdirSync(home)).toEqual(['store.json']);
  });
});
