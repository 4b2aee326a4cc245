import type { AuthKind } from '../../shared/ipc-contract.ts';
import type { SecretField } from '../credentials/user-secrets.ts';
import type { UserFields } from './kubeconfig-types.ts';

/**
 * The user's auth kind, in the precedence order of docs/kubeconfig.md, Auth kinds; client certs combine with others.
 * For an imported user, `secretFields` names the fields that are in the keychain.
 */
export function authKindOf(user: UserFields | undefined, secretFields: readonly SecretField[] = []): AuthKind {
  if (!user) return 'none';
  const has = (f: SecretField): boolean => secretFields.includes(f);
  if (user.token || has('token')) return 'token';
  if (user.tokenFile) return 'token-file';
  if (user.username !== undefined || user.password !== undefined || has('password')) return 'basic';
  if (user.exec) return 'exec';
  if (user['auth-provider']?.name === 'oidc') return 'oidc';
  if (user['client-certificate'] || user['client-certificate-data'] || user['client-key'] || user['client-key-data']) return 'client-cert';
  if (has('client-certificate-data') || has('client-key-data')) return 'client-cert';
  return 'none';
}
