// `kubedesk migrate [--kubeconfig FILE] [--write | --undo]` (docs/cli.md): moves a kubeconfig's
// inline secrets into the OS keychain and rewrites those users as exec entries calling
// `kubedesk credential --entry ACCOUNT` (core/kubeconfig/migrate-file.ts). Without --write it
// only says what would change. One line per user, never a value.
import { existsSync } from 'node:fs';
import { KeytarSecretStore } from '../../core/credentials/keytar-secret-store.ts';
import { migrateFile, type MigrateMode, type MigrateResult } from '../../core/kubeconfig/migrate-file.ts';
import { migrateLineText } from '../../core/kubeconfig/migrate-lines.ts';
import type { UserPlan } from '../../core/kubeconfig/migrate-plan.ts';
import { UsageError, writeLine, type Command } from '../command.ts';
import { KUBECONFIG_OPTIONS, sourcesFor } from '../kubeconfig-option.ts';
import { kubedeskEntry } from '../kubedesk-entry.ts';

const line = (p: UserPlan, mode: MigrateMode): string => migrateLineText(p, mode, '--undo');

export const migrateCommand: Command = {
  name: 'migrate',
  summary: "move a kubeconfig's inline secrets into the OS keychain (--undo puts them back)",
  usage: 'migrate [--kubeconfig FILE] [--write | --undo]',
  options: { ...KUBECONFIG_OPTIONS, write: { type: 'boolean' }, undo: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run(run) {
    if (run.values['write'] && run.values['undo']) throw new UsageError('--write and --undo: give one of them');
    const mode: MigrateMode = run.values['undo'] ? 'undo' : run.values['write'] ? 'write' : 'plan';
    const sources = sourcesFor(run);
    // KUBECONFIG may list files that do not exist (kubectl skips them); --kubeconfig must exist.
    const files = sources.origin === 'flag' ? sources.files : sources.files.filter((f) => existsSync(f));
    const deps = { secrets: new KeytarSecretStore(), entry: kubedeskEntry(run.io.env) };
    const results: MigrateResult[] = [];
    for (const file of files) results.push(await migrateFile(deps, file, mode));
    for (const r of results) {
      const prefix = results.length > 1 ? `${r.file}: ` : '';
      if (r.plans.length === 0) writeLine(run.io.stdout, `${prefix}no users`);
      for (const p of r.plans) writeLine(run.io.stdout, prefix + line(p, mode));
      for (const a of r.kept)
        writeLine(run.io.stderr, `warning: keychain entry "${a}" could not be deleted; it still holds the restored secret`);
    }
    if (results.length === 0) writeLine(run.io.stderr, `warning: no kubeconfig file found (${sources.files.join(', ')})`);
    if (mode === 'plan' && results.some((r) => r.plans.some((p) => p.action === 'move'))) {
      writeLine(run.io.stderr, 'Nothing changed: run `kubedesk migrate --write` to make these changes.');
    }
    return 0;
  },
};
