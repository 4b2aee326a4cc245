// The app store's document (KUBEDESK_HOME/store.json): imported clusters, users and contexts, and
// preferences. Users hold a reference to their keychain entry, never a secret. Cluster
// and user bodies use the kubeconfig's own field names, so the same checks and error paths apply.
import { z } from 'zod';
import { SECRET_FIELDS } from '../credentials/user-secrets.ts';
import { clusterSchema, userSchema } from '../kubeconfig/kubeconfig-schema.ts';
import type { ClusterFields, UserFields } from '../kubeconfig/kubeconfig-types.ts';

export const STORE_VERSION = 1;
export const STORE_FILE = 'store.json';

const id = z.string().regex(/^[a-z0-9-]{4,64}$/, 'not a KubeDesk id');
const name = z.string().min(1, 'must not be empty');

const secretRefSchema = z.object({
  service: z.string().min(1),
  account: z.string().min(1),
  fields: z.array(z.enum(SECRET_FIELDS)),
});

export const storeSchema = z.object({
  version: z.literal(STORE_VERSION),
  'current-context': z.string().optional(),
  clusters: z.array(z.object({ id, name, cluster: clusterSchema })),
  users: z.array(z.object({ id, name, user: userSchema, secret: secretRefSchema.optional() })),
  contexts: z.array(
    z.object({
      name,
      context: z.object({ cluster: id, user: id, namespace: z.string().optional() }),
      /** Where it was imported from: a file path, `stdin`, `paste` or `form`. */
      origin: z.string().optional(),
      'imported-at': z.string().optional(),
    }),
  ),
  preferences: z.record(z.string(), z.unknown()).default({}),
});

export type SecretRef = z.infer<typeof secretRefSchema>;
export interface StoredCluster {
  id: string;
  name: string;
  cluster: ClusterFields;
}
export interface StoredUser {
  id: string;
  name: string;
  user: UserFields;
  secret?: SecretRef | undefined;
}
export interface StoredContext {
  name: string;
  context: { cluster: string; user: string; namespace?: string | undefined };
  origin?: string | undefined;
  'imported-at'?: string | undefined;
}
export interface StoreDoc {
  version: typeof STORE_VERSION;
  'current-context'?: string | undefined;
  clusters: StoredCluster[];
  users: StoredUser[];
  contexts: StoredContext[];
  preferences: Record<string, unknown>;
}

export function emptyStore(): StoreDoc {
  return { version: STORE_VERSION, clusters: [], users: [], contexts: [], preferences: {} };
}

const CLUSTER_KEYS = [
  'server',
  'certificate-authority',
  'certificate-authority-data',
  'insecure-skip-tls-verify',
  'tls-server-name',
  'proxy-url',
  'disable-compression',
  'extensions',
] as const satisfies ReadonlyArray<keyof ClusterFields>;

const USER_KEYS = [
  'tokenFile',
  'username',
  'client-certificate',
  'client-key',
  'exec',
  'auth-provider',
  'as',
  'as-uid',
  'as-groups',
  'as-user-extra',
] as const satisfies ReadonlyArray<keyof UserFields>;

/** Only the fields KubeDesk knows: an unknown field could hold anything, a secret included. */
export function knownClusterFields(c: ClusterFields): ClusterFields {
  const out: Record<string, unknown> = {};
  for (const k of CLUSTER_KEYS) if (c[k] !== undefined) out[k] = c[k];
  return out as ClusterFields;
}

/** The non-secret fields KubeDesk knows; the secret ones go to the keychain. */
export function knownPublicUserFields(u: UserFields): UserFields {
  const out: Record<string, unknown> = {};
  for (const k of USER_KEYS) if (u[k] !== undefined) out[k] = u[k];
  if (u.exec) {
    const { apiVersion, command, args, env, installHint, provideClusterInfo, interactiveMode } = u.exec;
    out['exec'] = Object.fromEntries(
      Object.entries({ apiVersion, command, args, env, installHint, provideClusterInfo, interactiveMode }).filter(
        ([, v]) => v !== undefined,
      ),
    );
  }
  if (u['auth-provider']) {
    const { name, config } = u['auth-provider'];
    const kept = Object.fromEntries(
      Object.entries(config ?? {}).filter(([k]) => !SECRET_FIELDS.includes(`auth-provider.${k}` as (typeof SECRET_FIELDS)[number])),
    );
    out['auth-provider'] = { name, config: kept };
  }
  return out as UserFields;
}
