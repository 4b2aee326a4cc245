// What `kubedesk migrate` does with each user of a kubeconfig (docs/kubeconfig.md, Migrating a
// kubeconfig), decided from the user's fields alone: move its inline secrets to the keychain (a
// token; client-key-data with its certificate; OIDC tokens), or leave it and say why. An exec
// credential (client-go ExecCredentialStatus) carries a token or a client certificate and key,
// never a username and password, so basic auth stays; secrets in files stay where they are.
import type { UserFields } from './kubeconfig-types.ts';
import { migratedEntryAccount } from './kubedesk-exec.ts';

export type UserPlan =
  | { user: string; index: number; action: 'move'; fields: string[] }
  | { user: string; index: number; action: 'leave'; reason: string }
  | { user: string; index: number; action: 'none'; reason: string }
  /** Already migrated: `--undo` restores it from this keychain entry. */
  | { user: string; index: number; action: 'migrated'; account: string };

const OIDC_SECRETS = ['id-token', 'refresh-token', 'client-secret'];

function pathFields(u: UserFields): string[] {
  return (['tokenFile', 'client-certificate', 'client-key'] as const).filter((f) => u[f]).map((f) => `${f}: ${u[f]}`);
}

function planUser(u: UserFields): { action: 'move'; fields: string[] } | { action: 'leave' | 'none'; reason: string } {
  if (u.username !== undefined || u.password !== undefined) {
    return { action: 'leave', reason: 'basic auth, which an exec credential cannot carry' };
  }
  const files = pathFields(u);
  if (files.length > 0) return { action: 'leave', reason: `reads its secret from a file (${files.join(', ')}); not moved` };
  const provider = u['auth-provider'];
  const providerSecrets = OIDC_SECRETS.filter((k) => provider?.config?.[k]);
  if (provider && provider.name !== 'oidc' && Object.keys(provider.config ?? {}).length > 0) {
    return { action: 'leave', reason: `auth-provider "${provider.name}", which kubedesk credential does not serve` };
  }
  if (u.exec) return { action: 'none', reason: 'an exec plugin already; no secret in the file' };
  const fields: string[] = [];
  if (u.token) fields.push('token');
  if (u['client-key-data']) {
    if (!u['client-certificate-data']) return { action: 'leave', reason: 'client-key-data without client-certificate-data' };
    fields.push('client-certificate-data', 'client-key-data');
  }
  fields.push(...providerSecrets.map((k) => `auth-provider.config.${k}`));
  if (fields.length === 0) return { action: 'none', reason: 'no secret in the file' };
  return { action: 'move', fields };
}

export function planMigration(users: ReadonlyArray<{ name: string; value: UserFields }>): UserPlan[] {
  return users.map((u, index) => {
    const account = migratedEntryAccount(u.value.exec);
    if (account) return { user: u.name, index, action: 'migrated', account };
    return { user: u.name, index, ...planUser(u.value) };
  });
}
