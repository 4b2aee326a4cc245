// `kubedesk credential --context NAME` for the common case, at kubectl's speed: an imported user
// whose token, or client certificate and key, are all in its keychain entry. It reads the app
// store's file as plain JSON (without the store's schema and its modules) and the one keychain
// entry. Anything else (OIDC refresh, key or token files, a store it does not recognise, an
// unknown context) returns undefined, and the caller takes the full path through a connection,
// which answers or explains. The layout read here is store/store-schema.ts's.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { statusFromSecrets, type ExecCredentialStatus } from './exec-credential.ts';
import type { SecretStore } from './secret-store.ts';
import { UserSecrets } from './user-secrets.ts';

interface RawStore {
  version?: unknown;
  contexts?: Array<{ name?: unknown; context?: { user?: unknown } }>;
  users?: Array<{ id?: unknown; user?: Record<string, unknown>; secret?: { account?: unknown; fields?: unknown } }>;
}

/** User fields that need more than the keychain entry: files, plugins, providers, basic auth. */
const NEEDS_MORE = ['tokenFile', 'username', 'client-certificate', 'client-key', 'exec', 'auth-provider'];

export async function quickImportedCredential(home: string, secrets: SecretStore, name: string): Promise<ExecCredentialStatus | undefined> {
  let store: RawStore;
  try {
    store = JSON.parse(await readFile(join(home, 'store.json'), 'utf8')) as RawStore;
  } catch {
    return undefined;
  }
  if (store.version !== 1 || !Array.isArray(store.contexts) || !Array.isArray(store.users)) return undefined;
  const ctx = store.contexts.find((c) => c.name === name);
  const user = ctx && store.users.find((u) => u.id === ctx.context?.user);
  const account = user?.secret?.account;
  if (!user || typeof account !== 'string' || !user.user || NEEDS_MORE.some((f) => user.user![f] !== undefined)) return undefined;
  const text = await secrets.get(account);
  if (text === null) return undefined;
  const s = UserSecrets.parse(text, `keychain entry "${account}"`);
  if (s.get('password') !== undefined) return undefined;
  return statusFromSecrets({
    token: s.get('token'),
    'client-certificate-data': s.get('client-certificate-data'),
    'client-key-data': s.get('client-key-data'),
  });
}
