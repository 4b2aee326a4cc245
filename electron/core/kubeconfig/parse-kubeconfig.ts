// One kubeconfig file → validated entries, or one error naming the file and the field
// (`FILE: users[0].user.client-key-data: not valid base64`).
import { dirname } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { KubeDeskError } from '../errors.ts';
import { describeIssue, fileSchema, formatFieldPath, typeOf } from './kubeconfig-schema.ts';
import type { KubeconfigFile } from './kubeconfig-types.ts';

export { formatFieldPath };

/** Kubeconfigs are small; anything larger is junk or a mistake. */
export const MAX_KUBECONFIG_BYTES = 4 * 1024 * 1024;

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
    // YAML 1.1 as kubectl's sigs.k8s.io/yaml reads it: `y`, `no`, `on` are booleans there, so a
    // context named `y` is an error in both. Timestamps stay strings, as in go-yaml.
    doc = parseYaml(text, {
      version: '1.1',
      customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
      uniqueKeys: true,
      maxAliasCount: 100,
      prettyErrors: false,
    });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const line = err.linePos?.[0]?.line ?? (err.pos?.[0] !== undefined ? text.slice(0, err.pos[0]).split('\n').length : undefined);
      const where = line !== undefined ? `line ${line}: ` : '';
      fail(file, `not valid YAML: ${where}${err.message.split('\n')[0]}`);
    }
    fail(file, `not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (doc === null || doc === undefined) doc = {};
  if (typeof doc !== 'object' || Array.isArray(doc)) fail(file, `expected a mapping at the top level, got ${typeOf(doc)}`);

  const parsed = fileSchema.safeParse(doc, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(file, `${formatFieldPath(issue.path) || '(top level)'}: ${describeIssue(issue)}`);
  }
  const v = parsed.data;
  // kubectl refuses a file that names two entries alike ("duplicate name … in list"), so do we.
  for (const [key, entries] of [
    ['clusters', v.clusters],
    ['users', v.users],
    ['contexts', v.contexts],
  ] as const) {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (seen.has(e.name)) fail(file, `${key}[${i}].name: duplicate name "${e.name}" (kubectl refuses the whole file)`);
      seen.add(e.name);
    });
  }
  const dir = dirname(file);
  return {
    file,
    clusters: v.clusters.map((c, index) => ({ name: c.name, value: c.cluster, file, dir, index })),
    users: v.users.map((u, index) => ({ name: u.name, value: u.user, file, dir, index })),
    contexts: v.contexts.map((c, index) => ({ name: c.name, value: c.context, file, dir, index })),
    ...(v['current-context'] ? { currentContext: v['current-context'] } : {}),
  };
}
