// "Use the keychain for kubectl too" in the app (docs/kubeconfig.md, Exporting and Migrating a
// kubeconfig): which kubeconfig files KubeDesk reads still hold inline secrets, `migrate` on one of
// them, and `export-kubeconfig` for imported contexts. The same core as the CLI commands; answers
// carry field names, reasons and paths, never a value.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { MigrateMode, MigrateReport, PlaintextFile, PlaintextUser } from '../../shared/contract/contexts.ts';
import type { SecretStore } from '../credentials/secret-store.ts';
import { describe, KubeDeskError } from '../errors.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import type { ImportedContexts } from '../store/imported-contexts.ts';
import { resolveKubedeskHome } from '../store/kubedesk-home.ts';
import { exportKubeconfig } from './export-kubeconfig.ts';
import type { KubedeskEntry } from './kubedesk-exec.ts';
import type { UserFields } from './kubeconfig-types.ts';
import type { KubeconfigSources } from './kubeconfig-sources.ts';
import { migrateFile } from './migrate-file.ts';
import { migrateLine } from './migrate-lines.ts';
import { planMigration } from './migrate-plan.ts';
import { parseKubeconfig } from './parse-kubeconfig.ts';

export interface KubectlKeychainDeps {
  sources: KubeconfigSources;
  secrets: () => SecretStore;
  imported: () => ImportedContexts;
  /** KUBEDESK_HOME. */
  home: string;
  /** What exported and migrated users run (app-kubedesk-entry.ts). */
  entry: () => KubedeskEntry;
  /** For KUBEDESK_HOME in exported entries, only when it is not the default one; default process.env. */
  env?: NodeJS.ProcessEnv;
}

const EXPORT_FILE_NAME = 'kubeconfig-kubedesk.yaml';

const OIDC_SECRETS = ['id-token', 'refresh-token', 'client-secret'] as const;

/** The secret fields written in the user entry itself (not in files, not from a plugin). */
function inlineSecretFields(u: UserFields): string[] {
  const fields = (['token', 'client-key-data', 'password'] as const).filter((f) => u[f]);
  const config = u['auth-provider']?.config ?? {};
  return [...fields, ...OIDC_SECRETS.filter((k) => config[k]).map((k) => `auth-provider.config.${k}`)];
}

export async function plaintextReport(sources: KubeconfigSources): Promise<PlaintextFile[]> {
  const out: PlaintextFile[] = [];
  for (const file of sources.files) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue; // kubectl skips a missing KUBECONFIG entry
    let users;
    try {
      users = parseKubeconfig(file, text).users;
    } catch {
      continue; // reported with the contexts (contexts:list problems)
    }
    const plans = planMigration(users);
    const found: PlaintextUser[] = [];
    users.forEach((u, i) => {
      const fields = inlineSecretFields(u.value);
      if (fields.length > 0) found.push({ name: u.name, fields, movable: plans[i]?.action === 'move' });
    });
    if (found.length > 0) out.push({ file, users: found });
  }
  return out;
}

export async function migrateSource(deps: KubectlKeychainDeps, file: string, mode: MigrateMode): Promise<MigrateReport> {
  // Only a file KubeDesk reads: the window never names an arbitrary file to rewrite.
  if (!deps.sources.files.includes(file)) {
    throw new KubeDeskError('invalid-input', `file: ${file} is not a kubeconfig file KubeDesk reads (${deps.sources.files.join(', ')})`);
  }
  const r = await migrateFile({ secrets: deps.secrets(), entry: deps.entry() }, file, mode);
  return { file: r.file, mode, lines: r.plans.map((p) => migrateLine(p, mode)), kept: r.kept };
}

export async function exportForKubectl(
  deps: KubectlKeychainDeps,
  req: { contexts: string[]; file?: string | undefined },
): Promise<{ path: string; warnings: string[] }> {
  if (req.file !== undefined && !isAbsolute(req.file))
    throw new KubeDeskError('invalid-input', `file: ${req.file} is not an absolute path`);
  const { doc, problem } = await deps.imported().read();
  if (problem) throw new KubeDeskError('invalid-input', problem);
  const { config, warnings } = exportKubeconfig(doc, { contexts: req.contexts, entry: deps.entry(), env: homeEnv(deps) });
  const path = req.file ?? join(deps.home, EXPORT_FILE_NAME);
  await refuseNonKubeconfig(path);
  // Mode 0600, new or replaced: the file names the keychain entries (docs/kubeconfig.md, Exporting).
  await writeFileAtomic(path, stringify(config), { mode: 0o600 });
  return { path, warnings };
}

/** A new file, or a kubeconfig replaced: the window never gets to overwrite any other file with this one. */
async function refuseNonKubeconfig(path: string): Promise<void> {
  const text = await readFile(path, 'utf8').catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KubeDeskError('invalid-input', `file: ${path}: ${describe(err)}`);
  });
  if (text === undefined) return;
  let kind: unknown;
  try {
    kind = (parse(text) as { kind?: unknown } | null)?.kind;
  } catch {
    kind = undefined;
  }
  if (kind !== 'Config') throw new KubeDeskError('invalid-input', `file: ${path} exists and is not a kubeconfig; not replaced`);
}

/** KUBEDESK_HOME for the exec entries only when it is not the default one, as `kubedesk export-kubeconfig` does. */
function homeEnv(deps: KubectlKeychainDeps): Array<{ name: string; value: string }> {
  const { KUBEDESK_HOME: _, ...env } = deps.env ?? process.env;
  const userHome = env['HOME'] ?? env['USERPROFILE'];
  return deps.home === resolveKubedeskHome({ env, ...(userHome ? { home: userHome } : {}) })
    ? []
    : [{ name: 'KUBEDESK_HOME', value: deps.home }];
}
