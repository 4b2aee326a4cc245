// A user's secret fields, split from the rest of its kubeconfig entry. The secrets go to one
// keychain entry per user; the app store keeps the entry's account name and the field names.
// `UserSecrets` never shows its values: not through JSON.stringify, util.inspect, console.log or
// string conversion (docs/architecture.md, Logging without secrets).
import { inspect } from 'node:util';
import type { AuthProviderConfig, UserFields } from '../kubeconfig/kubeconfig-types.ts';
import { KubeDeskError } from '../errors.ts';

/** Kubeconfig fields that are secrets, named by their path in a `user:` entry. */
export const SECRET_FIELDS = [
  'token',
  'password',
  'client-certificate-data',
  'client-key-data',
  'auth-provider.client-secret',
  'auth-provider.id-token',
  'auth-provider.refresh-token',
] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

const PROVIDER_PREFIX = 'auth-provider.';
const FORMAT_VERSION = 1;

export class UserSecrets {
  readonly #values: ReadonlyMap<SecretField, string>;

  constructor(values: Iterable<[SecretField, string]> = []) {
    this.#values = new Map([...values].filter(([, v]) => v !== ''));
  }

  /** The secret fields present, in SECRET_FIELDS order. */
  get fields(): SecretField[] {
    return SECRET_FIELDS.filter((f) => this.#values.has(f));
  }

  get size(): number {
    return this.#values.size;
  }

  get(field: SecretField): string | undefined {
    return this.#values.get(field);
  }

  /** A copy with `field` set (OIDC refresh writes tokens back). */
  with(updates: Partial<Record<SecretField, string | undefined>>): UserSecrets {
    const next = new Map(this.#values);
    for (const [k, v] of Object.entries(updates) as Array<[SecretField, string | undefined]>) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    return new UserSecrets(next);
  }

  /** The keychain entry's text. The only way to get all values out at once. */
  serialize(): string {
    return JSON.stringify({ v: FORMAT_VERSION, ...Object.fromEntries(this.#values) });
  }

  static parse(text: string, where: string): UserSecrets {
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      throw new KubeDeskError('invalid-input', `${where}: the keychain entry is not KubeDesk's format`);
    }
    if (typeof obj !== 'object' || obj === null || (obj as { v?: unknown }).v !== FORMAT_VERSION) {
      throw new KubeDeskError('invalid-input', `${where}: the keychain entry is not KubeDesk's format`);
    }
    const values: Array<[SecretField, string]> = [];
    for (const f of SECRET_FIELDS) {
      const v = (obj as Record<string, unknown>)[f];
      if (typeof v === 'string') values.push([f, v]);
    }
    return new UserSecrets(values);
  }

  toJSON(): { fields: SecretField[]; values: '[redacted]' } {
    return { fields: this.fields, values: '[redacted]' };
  }

  toString(): string {
    return `UserSecrets(${this.fields.join(', ')})`;
  }

  [inspect.custom](): string {
    return `UserSecrets { fields: [${this.fields.join(', ')}], values: [redacted] }`;
  }
}

/** Splits a kubeconfig user into its non-secret fields and its secrets. */
export function splitUserSecrets(user: UserFields): { user: UserFields; secrets: UserSecrets } {
  const rest: UserFields = { ...user };
  const values: Array<[SecretField, string]> = [];
  for (const f of ['token', 'password', 'client-certificate-data', 'client-key-data'] as const) {
    const v = rest[f];
    if (v !== undefined) {
      values.push([f, v]);
      delete rest[f];
    }
  }
  const provider = user['auth-provider'];
  if (provider?.config) {
    const config: Record<string, string> = { ...provider.config };
    for (const f of SECRET_FIELDS) {
      if (!f.startsWith(PROVIDER_PREFIX)) continue;
      const key = f.slice(PROVIDER_PREFIX.length);
      const v = config[key];
      if (v !== undefined) {
        values.push([f, v]);
        delete config[key];
      }
    }
    rest['auth-provider'] = { ...provider, config };
  }
  return { user: rest, secrets: new UserSecrets(values) };
}

/** Puts secrets back into a user entry, in memory only (to build a connection). */
export function joinUserSecrets(user: UserFields, secrets: UserSecrets): UserFields {
  const out: UserFields = { ...user };
  for (const f of ['token', 'password', 'client-certificate-data', 'client-key-data'] as const) {
    const v = secrets.get(f);
    if (v !== undefined) out[f] = v;
  }
  if (user['auth-provider']) {
    const provider: AuthProviderConfig = { ...user['auth-provider'], config: { ...user['auth-provider'].config } };
    for (const f of SECRET_FIELDS) {
      const v = secrets.get(f);
      if (f.startsWith(PROVIDER_PREFIX) && v !== undefined) provider.config![f.slice(PROVIDER_PREFIX.length)] = v;
    }
    out['auth-provider'] = provider;
  }
  return out;
}
