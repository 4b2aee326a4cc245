// One kubeconfig file → validated entries, or one error naming the file and the field
// (`FILE: users[0].user.client-key-data: not valid base64`, issue 5).
import { dirname } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { KubeDeskError } from '../errors.ts';
import type { KubeconfigFile } from './kubeconfig-types.ts';

/** Kubeconfigs are small; anything larger is junk or a mistake. */
export const MAX_KUBECONFIG_BYTES = 4 * 1024 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodesAsBase64(value: string): boolean {
  const compact = value.replace(/\s+/g, '');
  return compact.length % 4 === 0 && BASE64.test(compact);
}

const pemData = (kind: 'CERTIFICATE' | 'PRIVATE KEY') =>
  z
    .string()
    .refine(decodesAsBase64, 'not valid base64')
    .refine(
      (v) => !decodesAsBase64(v) || Buffer.from(v, 'base64').toString('latin1').includes(`-----BEGIN ${kind === 'CERTIFICATE' ? 'CERTIFICATE' : ''}`),
      kind === 'CERTIFICATE' ? 'not a PEM certificate' : 'not a PEM private key',
    )
    .refine(
      (v) => kind !== 'PRIVATE KEY' || !decodesAsBase64(v) || /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(Buffer.from(v, 'base64').toString('latin1')),
      'not a PEM private key',
    );

const name = z.string().min(1, 'must not be empty');

const clusterSchema = z.looseObject({
  server: z.string().optional(),
  'certificate-authority': z.string().optional(),
  'certificate-authority-data': pemData('CERTIFICATE').optional(),
  'insecure-skip-tls-verify': z.boolean().optional(),
  'tls-server-name': z.string().optional(),
  'proxy-url': z.string().optional(),
  'disable-compression': z.boolean().optional(),
  extensions: z.unknown().optional(),
});

const execSchema = z.looseObject({
  apiVersion: z.string().optional(),
  command: z.string().min(1, 'must not be empty'),
  args: z.array(z.string()).nullish().transform((v) => v ?? undefined),
  env: z
    .array(z.object({ name: z.string(), value: z.string() }))
    .nullish()
    .transform((v) => v ?? undefined),
  installHint: z.string().optional(),
  provideClusterInfo: z.boolean().optional(),
  interactiveMode: z.string().optional(),
});

const userSchema = z.looseObject({
  token: z.string().optional(),
  tokenFile: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  'client-certificate': z.string().optional(),
  'client-certificate-data': pemData('CERTIFICATE').optional(),
  'client-key': z.string().optional(),
  'client-key-data': pemData('PRIVATE KEY').optional(),
  exec: execSchema.optional(),
  'auth-provider': z.looseObject({ name, config: z.record(z.string(), z.string()).optional() }).optional(),
  as: z.string().optional(),
  'as-uid': z.string().optional(),
  'as-groups': z.array(z.string()).optional(),
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

const fileSchema = z.looseObject({
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

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'is required' : `expected ${issue.expected}, got ${typeOf(issue.input)}`;
  }
  return issue.message;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

function fail(file: string, detail: string): never {
  throw new KubeDeskError('invalid-input', `${file}: ${detail}`);
}

/** Parses one file's text. Throws KubeDeskError('invalid-input', 'FILE: FIELD: reason'). */
export function parseKubeconfig(file: string, text: string): KubeconfigFile {
  if (Buffer.byteLength(text) > MAX_KUBECONFIG_BYTES) {
    fail(file, `file is larger than ${MAX_KUBECONFIG_BYTES / (1024 * 1024)} MiB; not a kubeconfig`);
  }
  if (text.includes('\u0000')) fail(file, 'binary data; not a kubeconfig');
  let doc: unknown;
  try {
    doc = parseYaml(text, { uniqueKeys: true, maxAliasCount: 100, prettyErrors: false });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const where = err.linePos?.[0] ? `line ${err.linePos[0].line}: ` : '';
      fail(file, `not valid YAML: ${where}${err.message.split('\n')[0]}`);
    }
    fail(file, `not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (doc === null || doc === undefined) doc = {};
  if (typeof doc !== 'object' || Array.isArray(doc)) fail(file, `expected a mapping at the top level, got ${typeOf(doc)}`);

  const parsed = fileSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(file, `${formatFieldPath(issue.path) || '(top level)'}: ${describeIssue(issue)}`);
  }
  const dir = dirname(file);
  const v = parsed.data;
  return {
    file,
    clusters: v.clusters.map((c) => ({ name: c.name, value: c.cluster, file, dir })),
    users: v.users.map((u) => ({ name: u.name, value: u.user, file, dir })),
    contexts: v.contexts.map((c) => ({ name: c.name, value: c.context, file, dir })),
    ...(v['current-context'] ? { currentContext: v['current-context'] } : {}),
  };
}
