// The kubeconfig's shape as zod schemas: the field names and types kubectl's loader accepts
// (client-go/tools/clientcmd/api/v1/types.go), plus the checks that make a bad value an error
// naming its field (`users[0].user.client-key-data: not valid base64`).
import { z } from 'zod';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodesAsBase64(value: string): boolean {
  const compact = value.replace(/\s+/g, '');
  return compact.length % 4 === 0 && BASE64.test(compact);
}

function decodedText(v: string): string {
  return Buffer.from(v.replace(/\s+/g, ''), 'base64').toString('latin1');
}

/**
 * Why base64 `value` is not a usable PEM block of `kind` (as kubectl's TLS setup would find it
 * when the context is used), or undefined. kubectl's loader decodes the base64 only, so a file
 * with such a value still loads and lists; validate-kubeconfig.ts reports it per context.
 */
export function pemDataProblem(kind: 'CERTIFICATE' | 'PRIVATE KEY', value: string): string | undefined {
  const begin = kind === 'CERTIFICATE' ? /-----BEGIN CERTIFICATE-----/ : /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
  const end = kind === 'CERTIFICATE' ? /-----END CERTIFICATE-----/ : /-----END [A-Z ]*PRIVATE KEY-----/;
  const text = decodedText(value);
  if (begin.test(text) && end.test(text)) return undefined;
  return kind === 'CERTIFICATE' ? 'not a PEM certificate' : 'not a PEM private key';
}

/** Base64 data: kubectl's loader refuses the whole file when it does not decode. */
const base64Data = () => z.string().refine(decodesAsBase64, 'not valid base64');

const name = z.string().min(1, 'must not be empty');

export const clusterSchema = z.looseObject({
  server: z.string().optional(),
  'certificate-authority': z.string().optional(),
  'certificate-authority-data': base64Data().optional(),
  'insecure-skip-tls-verify': z.boolean().optional(),
  'tls-server-name': z.string().optional(),
  'proxy-url': z.string().optional(),
  'disable-compression': z.boolean().optional(),
  extensions: z.unknown().optional(),
});

const execSchema = z.looseObject({
  apiVersion: z.string().optional(),
  command: z.string().default(''),
  args: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? undefined),
  env: z
    .array(z.object({ name: z.string().min(1, 'env variable name must be specified'), value: z.string() }))
    .nullish()
    .transform((v) => v ?? undefined),
  installHint: z.string().optional(),
  provideClusterInfo: z.boolean().optional(),
  interactiveMode: z.string().optional(),
});

export const userSchema = z.looseObject({
  token: z.string().optional(),
  tokenFile: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  'client-certificate': z.string().optional(),
  'client-certificate-data': base64Data().optional(),
  'client-key': z.string().optional(),
  'client-key-data': base64Data().optional(),
  exec: execSchema.optional(),
  'auth-provider': z.looseObject({ name, config: z.record(z.string(), z.string()).optional() }).optional(),
  as: z.string().optional(),
  'as-uid': z.string().optional(),
  'as-groups': z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? undefined),
  'as-user-extra': z
    .record(z.string(), z.array(z.string()))
    .nullish()
    .transform((v) => v ?? undefined),
});

const contextSchema = z.looseObject({
  cluster: z.string().default(''),
  user: z.string().default(''),
  namespace: z.string().optional(),
});

const list = <T extends z.ZodType>(schema: T) =>
  z
    .array(schema)
    .nullish()
    .transform((v) => v ?? []);

export const fileSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  'current-context': z.string().nullish(),
  clusters: list(z.object({ name, cluster: clusterSchema.nullish().transform((v) => v ?? {}) })),
  users: list(z.object({ name, user: userSchema.nullish().transform((v) => v ?? {}) })),
  contexts: list(z.object({ name, context: contextSchema })),
});

/** `['users', 0, 'user', 'token']` → `users[0].user.token`. */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'is required' : `expected ${issue.expected}, got ${typeOf(issue.input)}`;
  }
  return issue.message;
}

export function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}
