// One line per user for what `migrate` did or would do (docs/kubeconfig.md, Migrating a kubeconfig):
// field names, reasons and keychain account names, never a value.
import type { MigrateLine, MigrateMode } from '../../shared/contract/contexts.ts';
import type { UserPlan } from './migrate-plan.ts';

export function migrateLine(p: UserPlan, mode: MigrateMode): MigrateLine {
  return { user: p.user, action: p.action, text: migrateLineText(p, mode, 'undo') };
}

/** `undoHow`: how the reader undoes a migration (`undo` in the app, `--undo` for the CLI). */
export function migrateLineText(p: UserPlan, mode: MigrateMode, undoHow: string): string {
  const who = `user "${p.user}"`;
  switch (p.action) {
    case 'move':
      if (mode === 'undo') return `${who}: not migrated; nothing to undo`;
      return `${who}: ${mode === 'write' ? 'moved' : 'would move'} ${p.fields.join(', ')} to the keychain`;
    case 'migrated':
      return mode === 'undo' ? `${who}: restored from the keychain` : `${who}: in the keychain already (${undoHow} puts it back)`;
    case 'leave':
      return `${who}: left as is: ${p.reason}`;
    case 'none':
      return `${who}: nothing to move: ${p.reason}`;
  }
}
