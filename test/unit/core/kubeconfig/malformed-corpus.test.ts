import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCandidates } from '../../../../electron/core/kubeconfig/import-candidates.ts';
import { contextsSnapshot } from '../../../../electron/core/kubeconfig/contexts-snapshot.ts';
import { readKubeconfigText } from '../../../../electron/core/kubeconfig/load-kubeconfig.ts';
import { FIXTURES, setup, tempDir } from '../../../support/kubedesk-fixtures.ts';

interface Case {
  file: string;
  expect: string;
}
const DIR = join(FIXTURES, 'malformed');
const GOOD = join(FIXTURES, 'good.yaml');
const CASES = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as Case[];

function fingerprint(path: string): string {
  const st = statSync(path);
  if (st.isDirectory()) return `dir:${readdirSync(path).join(',')}:${st.mtimeMs}`;
  return createHash('sha256').update(readFileSync(path)).digest('hex') + `:${st.mtimeMs}`;
}

async function snapshotOf(files: string[]) {
  const s = setup({ files });
  return contextsSnapshot(await s.provider.load(), { rule: 'kubectl', execEnv: process.env });
}

describe('the malformed kubeconfig corpus (each a test)', () => {
  it('has at least 30 files, each listed once in cases.json', () => {
    const onDisk = readdirSync(DIR).filter((f) => f !== 'cases.json');
    expect(onDisk.length).toBeGreaterThanOrEqual(30);
    expect(CASES.map((c) => c.file).sort()).toEqual(onDisk.sort());
  });

  it.each(CASES)('$file: one error naming the file and field; the good file keeps all its contexts; no file changes', async (c) => {
    const bad = join(DIR, c.file);
    const before = [fingerprint(bad), fingerprint(GOOD)];
    const snap = await snapshotOf([GOOD, bad]);
    const errors = snap.problems.filter((p) => p.level !== 'warning');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe(bad);
    expect(errors[0]!.message.startsWith(`${bad}: ${c.expect}`), errors[0]!.message).toBe(true);
    expect(snap.contexts.map((x) => x.name)).toEqual(expect.arrayContaining(['good-cert', 'good-token']));
    expect([fingerprint(bad), fingerprint(GOOD)]).toEqual(before);
  });

  it.each(CASES)('$file: `import` refuses it with the same error', async (c) => {
    const bad = join(DIR, c.file);
    const text = await readKubeconfigText(bad).catch((err: Error) => err);
    if (text instanceof Error) {
      // Unreadable: the read itself is the error, naming the file.
      expect(text.message).toBe(`${bad}: ${c.expect}`);
      return;
    }
    expect(() => importCandidates({ label: bad, dir: DIR, text: text! }, undefined, { execEnv: process.env })).toThrow(
      `${bad}: ${c.expect}`,
    );
  });

  it('a file over 4 MiB is refused by size, naming the file, without parsing it', async () => {
    const dir = tempDir();
    const huge = join(dir, 'huge.yaml');
    writeFileSync(huge, `apiVersion: v1\nkind: Config\n# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    const snap = await snapshotOf([GOOD, huge]);
    expect(snap.problems).toEqual([{ file: huge, message: `${huge}: file is larger than 4 MiB; not a kubeconfig` }]);
    expect(snap.contexts).toHaveLength(2);
  });

  it('the exec-not-found error carries the installHint (conformance case 52)', async () => {
    const bad = join(DIR, '29-exec-command-not-found.yaml');
    const snap = await snapshotOf([bad]);
    expect(snap.problems[0]!.message).toContain('exec: executable kubedesk-no-such-plugin not found');
    expect(snap.problems[0]!.message).toContain('brew install kubedesk-no-such-plugin');
  });

  it('no problem message carries a secret of the files', async () => {
    const snap = await snapshotOf([GOOD, ...CASES.map((c) => join(DIR, c.file))]);
    const text = JSON.stringify(snap);
    for (const secret of ['fixture-token-abc', 'fixture-password-xyz', 'good-fixture-token', 'PRIVATE KEY'])
      expect(text).not.toContain(secret);
  });
});
