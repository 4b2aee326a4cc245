import type {
  IpcError,
  KubeDeskClient,
  MigrateMode,
  MigrateReport,
  PlaintextFile,
  PlaintextUser,
} from '../../../../electron/shared/ipc-contract.ts';

/** The path as one shell word: bare when it is plain, else single-quoted (POSIX sh). */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/** The line to try an exported kubeconfig with (docs/kubeconfig.md, Exporting). */
export function kubectlLine(path: string): string {
  return `KUBECONFIG=${shellWord(path)} kubectl get pods`;
}

/** `2 users: alice (token), bob (client-key-data)`: names and fields, never values. */
export function plaintextSummary(f: PlaintextFile): string {
  const users = f.users.map((u) => `${u.name} (${u.fields.join(', ')})`).join(', ');
  return `${f.users.length} ${f.users.length === 1 ? 'user' : 'users'}: ${users}`;
}

/** The context's source file (`kubeconfig:<path>`), or null for an imported context. */
export function kubeconfigFileOf(source: string): string | null {
  return source.startsWith('kubeconfig:') ? source.slice('kubeconfig:'.length) : null;
}

/** `kubedesk credential --entry ACCOUNT`: the user was migrated (migrate-plan.ts reads it the same way). */
export function isMigratedExec(exec: { args: string[] } | undefined): boolean {
  const at = exec?.args.indexOf('credential') ?? -1;
  return at >= 0 && exec?.args[at + 1] === '--entry';
}

/**
 * "Use the keychain for kubectl too" (docs/kubeconfig.md, Exporting and Migrating a kubeconfig):
 * which kubeconfig files still hold plaintext secrets, `migrate` on one (plan, then write, undo),
 * and `export-kubeconfig` for imported contexts.
 */
export class KeychainState {
  plaintext = $state.raw<PlaintextFile[]>([]);
  loaded = $state(false);
  /** The step running: a migrate mode, `export` or `report`. */
  busy = $state<MigrateMode | 'export' | 'report' | null>(null);
  /** The last migrate answer (a plan, a write or an undo). */
  migrate = $state.raw<MigrateReport | null>(null);
  /** The last export: where it went, what it warned about, which contexts it holds. */
  exported = $state.raw<{ path: string; warnings: string[]; contexts: string[] } | null>(null);
  error = $state<IpcError | null>(null);
  #client: KubeDeskClient;

  constructor(client: KubeDeskClient) {
    this.#client = client;
  }

  /** The user's entry in the report, when that file still holds its secrets. */
  plaintextUser(file: string, user: string): PlaintextUser | null {
    return this.plaintext.find((f) => f.file === file)?.users.find((u) => u.name === user) ?? null;
  }

  async refresh(): Promise<void> {
    this.busy = 'report';
    try {
      const r = await this.#client.invoke('contexts:plaintext-report', undefined);
      this.loaded = true;
      if (r.ok) this.plaintext = r.value;
      else this.error = r.error;
    } finally {
      this.busy = null;
    }
  }

  /** `plan` changes nothing; `write` and `undo` change the file, so the report is read again. */
  async runMigrate(file: string, mode: MigrateMode): Promise<boolean> {
    this.busy = mode;
    this.error = null;
    try {
      const r = await this.#client.invoke('contexts:migrate', { file, mode });
      if (!r.ok) {
        this.error = r.error;
        return false;
      }
      this.migrate = r.value;
    } finally {
      this.busy = null;
    }
    if (mode !== 'plan') await this.refresh();
    return true;
  }

  /** Drops a shown plan (the user chose not to write it). */
  cancelPlan(): void {
    if (this.migrate?.mode === 'plan') this.migrate = null;
  }

  async exportContexts(contexts: string[], file?: string): Promise<boolean> {
    this.busy = 'export';
    this.error = null;
    try {
      const r = await this.#client.invoke('contexts:export-kubeconfig', file === undefined ? { contexts } : { contexts, file });
      if (!r.ok) {
        this.error = r.error;
        return false;
      }
      this.exported = { ...r.value, contexts };
      return true;
    } finally {
      this.busy = null;
    }
  }
}
