import type { AuthKind } from '../../shared/ipc-contract.ts';
import type { UserFields } from './kubeconfig-types.ts';

/** The user's auth kind, in SPEC.md §4.3's precedence order; client certs combine with others. */
export function authKindOf(user: UserFields | undefined): AuthKind {
  if (!user) return 'none';
  if (user.token) return 'token';
  if (user.tokenFile) return 'token-file';
  if (user.username !== undefined || user.password !== undefined) return 'basic';
  if (user.exec) return 'exec';
  if (user['auth-provider']?.name === 'oidc') return 'oidc';
  if (user['client-certificate'] || user['client-certificate-data'] || user['client-key'] || user['client-key-data']) return 'client-cert';
  return 'none';
}
