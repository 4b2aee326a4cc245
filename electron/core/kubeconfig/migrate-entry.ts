// The keychain entry of a user moved there by `kubedesk migrate` (docs/kubeconfig.md, Migrating a
// kubeconfig): the user's whole original entry, so `kubedesk credential --entry ACCOUNT` can
// answer for it (refreshing OIDC tokens in place) and `migrate --undo` can put it back as it was.
import { randomBytes } from 'node:crypto';
import { KubeDeskError } from '../errors.ts';
import type { SecretStore } from '../credentials/secret-store.ts';
import { jwtExpirationTimestamp, statusFromSecrets, type ExecCredentialStatus } from '../credentials/exec-credential.ts';
import type { UserFields } from './kubeconfig-types.ts';

const FORMAT = { v: 1, kind: 'kubeconfig-user' } as const;

export interface MigratedUser {
  /** The user's entry as it was in the file, secrets included. */
  user: UserFields;
  /** The kubeconfig's folder, for relative paths in it (idp-certificate-authority). */
  dir: string;
}

/** A fresh account name: the user's name, for people browsing their keychain, and a random id. */
export function migratedAccount(userName: string): string {
  return `kubeconfig:${userName}#${randomBytes(6).toString('hex')}`;
}

export function serializeMigrated(m: MigratedUser): string {
  return JSON.stringify({ ...FORMAT, dir: m.dir, user: m.user });
}

function parseMigrated(text: string, account: string): MigratedUser {
  type Raw = { v?: unknown; kind?: unknown; dir?: unknown; user?: unknown } | null;
  const obj = ((): Raw => {
    try {
      return JSON.parse(text) as Raw;
    } catch {
      return null;
    }
  })();
  if (!obj || obj.v !== FORMAT.v || obj.kind !== FORMAT.kind || typeof obj.user !== 'object' || obj.user === null) {
    throw new KubeDeskError('invalid-input', `keychain entry "${account}": not a user written by kubedesk migrate`);
  }
  return { user: obj.user as UserFields, dir: typeof obj.dir === 'string' ? obj.dir : '' };
}

/** Reads a migrated user's entry; a missing one is an error naming the entry. */
export async function readMigrated(secrets: SecretStore, account: string): Promise<MigratedUser> {
  const text = await secrets.get(account);
  if (text === null) {
    throw new KubeDeskError('not-found', `the keychain has no entry "${account}" (service ${secrets.service}); was it removed?`);
  }
  return parseMigrated(text, account);
}

/** The ExecCredential status of a migrated user; OIDC tokens are refreshed and written back to the entry. */
export async function migratedCredential(secrets: SecretStore, account: string, signal?: AbortSignal): Promise<ExecCredentialStatus> {
  const m = await readMigrated(secrets, account);
  const provider = m.user['auth-provider'];
  const certs = statusFromSecrets({
    'client-certificate-data': m.user['client-certificate-data'],
    'client-key-data': m.user['client-key-data'],
  });
  if (provider?.name === 'oidc') {
    // Loaded only for OIDC users: the token and certificate answers stay small and fast.
    const { OidcAuthenticator } = await import('../cluster/oidc-authenticator.ts');
    const oidc = new OidcAuthenticator({
      user: account,
      config: provider.config ?? {},
      dir: m.dir,
      persist: async (tokens) => {
        const config = {
          ...provider.config,
          'id-token': tokens.idToken,
          ...(tokens.refreshToken ? { 'refresh-token': tokens.refreshToken } : {}),
        };
        await secrets.set(account, serializeMigrated({ ...m, user: { ...m.user, 'auth-provider': { ...provider, config } } }));
      },
    });
    const token = await oidc.idToken(signal);
    const exp = jwtExpirationTimestamp(token);
    return { ...certs, token, ...(exp ? { expirationTimestamp: exp } : {}) };
  }
  const status = statusFromSecrets(m.user);
  if (!status) throw new KubeDeskError('invalid-input', `keychain entry "${account}": holds no token or client certificate and key`);
  return status;
}
