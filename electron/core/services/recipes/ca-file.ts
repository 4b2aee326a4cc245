// The cluster's CA certificate as a file for `curl --cacert` (docs/access-recipes.md). A CA is
// public, so the file is 0644; it is rewritten only when the kubeconfig's CA changed.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, KubeDeskError } from '../../errors.ts';
import { writeFileAtomic } from '../../store/atomic-write.ts';

/**
 * `HOME/ca/NAME-HASH.crt`: NAME is the context name with anything but `A-Za-z0-9._-` replaced, HASH
 * part of its SHA-256, so `a/b` and `a_b` get files of their own and no name can leave `ca/`.
 */
export function caFileFor(home: string, context: string): string {
  const safe =
    context
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .replace(/^\./, '_')
      .slice(0, 64) || 'context';
  const hash = createHash('sha256').update(context, 'utf8').digest('hex').slice(0, 8);
  return join(home, 'ca', `${safe}-${hash}.crt`);
}

/** Writes `ca` to `file` (atomically, 0644) unless the file holds it already; true when written. */
export async function writeCaFile(file: string, ca: Buffer): Promise<boolean> {
  const current = await readFile(file).catch(() => undefined);
  if (current?.equals(ca)) return false;
  try {
    await writeFileAtomic(file, ca, { mode: 0o644 });
  } catch (err) {
    throw new KubeDeskError('internal', `could not write the cluster CA to ${file}: ${describe(err)}`, { cause: err });
  }
  return true;
}
