import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const fixture = readFileSync(join(root, 'test/fixtures/lint/core-imports-electron.ts'), 'utf8');

async function lintAs(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layer rule (STYLE.md "Dependency direction") fails lint', () => {
  it('when core imports electron', async () => {
    expect(await lintAs('electron/core/fixture.ts', fixture)).toEqual([
      expect.stringContaining('Only electron/main and electron/preload import electron'),
    ]);
  }, 30_000);

  it('when core imports main, or shared imports node:*, or the renderer imports core', async () => {
    expect(await lintAs('electron/core/x.ts', "import { a } from '../main/ipc.ts';\nexport const b = a;\n")).toHaveLength(1);
    expect(await lintAs('electron/shared/x.ts', "import { readFile } from 'node:fs';\nexport const b = readFile;\n")).toHaveLength(1);
    expect(await lintAs('renderer/src/x.ts', "import { a } from '../../electron/core/core.ts';\nexport const b = a;\n")).toHaveLength(1);
  }, 30_000);

  it('but not when main imports electron', async () => {
    expect(await lintAs('electron/main/x.ts', fixture)).toEqual([]);
  }, 30_000);
});
