// `kubedesk migrate` on one kubeconfig file (docs/kubeconfig.md, Migrating a kubeconfig). Writing:
// each movable user's entry goes to the keychain, is read back and compared, then the file is
// replaced at once (temp file + rename, mode and owner kept, under kubectl's FILE.lock) with those
// users as exec entries calling `kubedesk credential --entry ACCOUNT`. Any failure removes the
// entries it stored and leaves the file byte-identical; no plaintext copy is made. Undo puts the
// users back from their entries, then deletes them.
import { chmod, chown, readFile, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import type { SecretStore } from '../credentials/secret-store.ts';
import { describe, KubeDeskError } from '../errors.ts';
import { writeFileAtomic, type AtomicWriteHooks } from '../store/atomic-write.ts';
import { withFileLock } from '../store/file-lock.ts';
import { kubedeskExec, type KubedeskEntry } from './kubedesk-exec.ts';
import type { UserFields } from './kubeconfig-types.ts';
import { migratedAccount, readMigrated, serializeMigrated } from './migrate-entry.ts';
import { planMigration, type UserPlan } from './migrate-plan.ts';
import { parseKubeconfig } from './parse-kubeconfig.ts';

export interface MigrateDeps {
  secrets: SecretStore;
  /** What the exec entries run (cli/kubedesk-entry.ts). */
  entry: KubedeskEntry;
  newAccount?: (userName: string) => string;
  /** Tests fail the write between the temp file and the rename. */
  hooks?: AtomicWriteHooks;
}

export type MigrateMode = 'plan' | 'write' | 'undo';

export interface MigrateResult {
  file: string;
  plans: UserPlan[];
  /** Undo: entries that could not be deleted after the file was restored (they hold the old secrets). */
  kept: string[];
}

const IMPERSONATION = ['as', 'as-uid', 'as-groups', 'as-user-extra'] as const;

export async function migrateFile(deps: MigrateDeps, file: string, mode: MigrateMode): Promise<MigrateResult> {
  // Replace the target of a symlinked ~/.kube/config, not the link.
  const target = await realpath(file).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new KubeDeskError('not-found', `${file}: no such file`);
    throw new KubeDeskError('invalid-input', `${file}: ${describe(err)}`);
  });
  const run = async (): Promise<MigrateResult> => {
    const text = await readFile(target, 'utf8');
    const plans = planMigration(parseKubeconfig(file, text).users);
    if (mode === 'plan') return { file, plans, kept: [] };
    const doc = parseDocument(text, { version: '1.1' });
    return mode === 'write' ? write(deps, file, target, text, doc, plans) : undo(deps, file, target, text, doc, plans);
  };
  return mode === 'plan' ? run() : withFileLock(target, run);
}

async function write(
  deps: MigrateDeps,
  file: string,
  target: string,
  text: string,
  doc: Document,
  plans: UserPlan[],
): Promise<MigrateResult> {
  const moving = plans.filter((p) => p.action === 'move');
  if (moving.length === 0) return { file, plans, kept: [] };
  const stored: string[] = [];
  try {
    for (const p of moving) {
      const original = (doc.getIn(['users', p.index, 'user']) as { toJSON(): UserFields }).toJSON();
      const account = (deps.newAccount ?? migratedAccount)(p.user);
      const value = serializeMigrated({ user: original, dir: dirname(target) });
      await deps.secrets.set(account, value);
      stored.push(account);
      if ((await deps.secrets.get(account)) !== value) {
        throw new KubeDeskError('keychain-unavailable', `keychain entry "${account}": reading it back gave a different value`);
      }
      const kept = Object.fromEntries(IMPERSONATION.filter((k) => original[k] !== undefined).map((k) => [k, original[k]]));
      doc.setIn(['users', p.index, 'user'], doc.createNode({ exec: kubedeskExec(deps.entry, ['--entry', account]), ...kept }));
    }
    await replaceFile(target, text, doc, deps.hooks);
  } catch (err) {
    const left: string[] = [];
    for (const a of stored) if ((await deps.secrets.delete(a).catch(() => undefined)) === undefined) left.push(a);
    const entries = left.length === 0 ? 'no keychain entry is left' : `keychain entries left to delete by hand: ${left.join(', ')}`;
    throw new KubeDeskError(
      err instanceof KubeDeskError ? err.code : 'internal',
      `${file}: not migrated, the file is unchanged and ${entries}: ${describe(err)}`,
      { cause: err },
    );
  }
  return { file, plans, kept: [] };
}

async function undo(
  deps: MigrateDeps,
  file: string,
  target: string,
  text: string,
  doc: Document,
  plans: UserPlan[],
): Promise<MigrateResult> {
  const restoring = plans.filter((p): p is Extract<UserPlan, { action: 'migrated' }> => p.action === 'migrated');
  if (restoring.length === 0) return { file, plans, kept: [] };
  // Every entry is read before the file changes: a missing one stops the undo with nothing changed.
  for (const p of restoring) {
    const m = await readMigrated(deps.secrets, p.account).catch((err: unknown) => {
      throw new KubeDeskError(
        err instanceof KubeDeskError ? err.code : 'internal',
        `${file}: user "${p.user}": ${describe(err)}; nothing changed`,
      );
    });
    doc.setIn(['users', p.index, 'user'], doc.createNode(m.user));
  }
  await replaceFile(target, text, doc, deps.hooks);
  const kept: string[] = [];
  for (const p of restoring) if (!(await deps.secrets.delete(p.account).catch(() => false))) kept.push(p.account);
  return { file, plans, kept };
}

/** Atomic replace keeping the file's mode and, where we may set it, its owner. */
async function replaceFile(target: string, original: string, doc: Document, hooks: AtomicWriteHooks | undefined): Promise<void> {
  const st = await stat(target);
  const mode = st.mode & 0o7777;
  // The file's own list indentation (kubectl writes lists unindented), so only the users change.
  const indentSeq = /^(clusters|users|contexts):[ \t]*\r?\n[ \t]+- /m.test(original);
  const text = doc.toString({ indentSeq, flowCollectionPadding: false, lineWidth: 0 });
  await writeFileAtomic(target, text, {
    mode,
    hooks: {
      afterTempWrite: async (temp) => {
        await chmod(temp, mode);
        if (process.platform !== 'win32' && (st.uid !== process.getuid?.() || st.gid !== process.getgid?.()))
          await chown(temp, st.uid, st.gid);
        await hooks?.afterTempWrite?.(temp);
      },
    },
  });
}
