// Shared setup for the clusters-and-credentials tests: temp folders, kubeconfig files,
// an app store over a SecretStore, and a ConnectionProvider over both.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { ConnectionProvider } from '../../electron/core/cluster/connection-provider.ts';
import type { ExecDeps } from '../../electron/core/cluster/exec-plugin.ts';
import type { SecretStore } from '../../electron/core/credentials/secret-store.ts';
import type { KubeconfigSources } from '../../electron/core/kubeconfig/kubeconfig-sources.ts';
import { silentLogger, type Logger } from '../../electron/core/log.ts';
import type { AtomicWriteHooks } from '../../electron/core/store/atomic-write.ts';
import { AppStore } from '../../electron/core/store/app-store.ts';
import { ImportedContexts } from '../../electron/core/store/imported-contexts.ts';
import { MemorySecretStore } from '../fakes/memory-secret-store.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'kubeconfig');

/**
 * A temp folder removed when the test ends. The core's dispose() waits for the writes of its store,
 * its forwards file and its remembered gateway ports, but not for two others a request still under
 * way may make: the access recipes' CA file (services/recipes/ca-file.ts) and an OIDC token
 * write-back into a kubeconfig (kubeconfig/write-back-oidc.ts). The removal can then meet a file
 * created after it listed the folder (ENOTEMPTY), so it retries, as Node's rm does for that error.
 */
export function tempDir(prefix = 'kd-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 }));
  return dir;
}

export function writeFile(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

export function envSources(...files: string[]): KubeconfigSources {
  return { files, mustExist: false, origin: 'env' };
}

export interface Setup {
  home: string;
  secrets: SecretStore;
  imported: ImportedContexts;
  provider: ConnectionProvider;
}

export function setup(
  opts: { files?: string[]; secrets?: SecretStore; exec?: Partial<ExecDeps>; log?: Logger; home?: string } = {},
): Setup {
  const home = opts.home ?? join(tempDir('kd-home-'), 'KubeDesk');
  const secrets = opts.secrets ?? new MemorySecretStore();
  const log = opts.log ?? silentLogger;
  const imported = new ImportedContexts({ store: new AppStore({ home }), secrets, log });
  const provider = new ConnectionProvider({
    sources: envSources(...(opts.files ?? [])),
    imported,
    exec: { env: async () => process.env, stdinIsTTY: false, ...opts.exec },
    log,
  });
  onTestFinished(() => provider.dispose());
  return { home, secrets, imported, provider };
}

/** A kubeconfig with one context per entry. */
export function kubeconfig(opts: {
  current?: string;
  contexts: Array<{ name: string; cluster: string; user: string; namespace?: string }>;
  clusters: Array<{ name: string; cluster: Record<string, unknown> }>;
  users: Array<{ name: string; user: Record<string, unknown> }>;
}): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    ...(opts.current ? { 'current-context': opts.current } : {}),
    clusters: opts.clusters,
    users: opts.users,
    contexts: opts.contexts.map((c) => ({
      name: c.name,
      context: { cluster: c.cluster, user: c.user, ...(c.namespace ? { namespace: c.namespace } : {}) },
    })),
  });
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function rejectionOf(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected a rejection, but it resolved');
}

/**
 * Atomic-write hooks (store/atomic-write.ts) that hold every write after its temp file is complete,
 * until `release()`: a write is then in flight for as long as the test needs, without timing.
 */
export class HeldWrites implements AtomicWriteHooks {
  #release!: () => void;
  #released = new Promise<void>((r) => (this.#release = r));
  #enteredNow!: () => void;
  /** Resolves when the first write is held. */
  readonly entered = new Promise<void>((r) => (this.#enteredNow = r));

  release(): void {
    this.#release();
  }

  afterTempWrite(): Promise<void> {
    this.#enteredNow();
    return this.#released;
  }
}
