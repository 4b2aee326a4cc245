import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const fixture = (name: string): string => readFileSync(join(root, 'test/fixtures/lint', name), 'utf8');
const eslint = new ESLint({ cwd: root });

/** The messages of `rule` when `code` is linted as if it lived at `path`. */
async function lintAs(path: string, code: string, rule = 'no-restricted-imports'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}

describe('the layer rule (docs/architecture.md, Layers) fails lint', () => {
  it('when core imports electron', async () => {
    expect(await lintAs('electron/core/fixture.ts', fixture('core-imports-electron.ts'))).toEqual([
      expect.stringContaining('Only electron/main and electron/preload import electron'),
    ]);
  }, 30_000);

  it('when core imports main, or shared imports node:*, or the renderer imports core', async () => {
    expect(await lintAs('electron/core/x.ts', "import { a } from '../main/ipc.ts';\nexport const b = a;\n")).toHaveLength(1);
    expect(await lintAs('electron/shared/x.ts', "import { readFile } from 'node:fs';\nexport const b = readFile;\n")).toHaveLength(1);
    expect(await lintAs('renderer/src/x.ts', "import { a } from '../../electron/core/core.ts';\nexport const b = a;\n")).toHaveLength(1);
  }, 30_000);

  it('when the CLI or serve mode imports main', async () => {
    const code = fixture('adapter-imports-main.ts');
    for (const path of ['electron/cli/x.ts', 'electron/serve/x.ts']) {
      expect(await lintAs(path, code)).toEqual([expect.stringContaining('Layer rule')]);
    }
  }, 30_000);

  it('but not when main imports electron, or the CLI imports core', async () => {
    expect(await lintAs('electron/main/x.ts', fixture('core-imports-electron.ts'))).toEqual([]);
    expect(await lintAs('electron/cli/x.ts', "import { createCore } from '../core/core.ts';\nexport const c = createCore;\n")).toEqual([]);
  }, 30_000);
});

describe('globals follow the runtime', () => {
  it("the renderer has the browser's globals and not Node's", async () => {
    expect(await lintAs('renderer/src/x.js', fixture('renderer-uses-process.js'), 'no-undef')).toEqual(["'process' is not defined."]);
    expect(await lintAs('electron/core/x.js', fixture('renderer-uses-process.js'), 'no-undef')).toEqual(["'document' is not defined."]);
  }, 30_000);
});

describe('tests cannot hide tests', () => {
  it('fails lint on describe.only, it.only, it.skip and it.todo', async () => {
    // Written here rather than kept as a file, so the repository holds no focused test at all.
    const [focus, skip, todo] = ['only', 'skip', 'todo'];
    const focused = [
      "import { describe, it } from 'vitest';",
      `describe.${focus}('focused', () => {`,
      `  it.${focus}('hides the others', () => {});`,
      `  it.${skip}('is skipped', () => {});`,
      `  it.${todo}('is left for later');`,
      '});',
      '',
    ].join('\n');
    expect(await lintAs('test/unit/x.test.ts', focused, 'no-restricted-syntax')).toHaveLength(4);
  }, 30_000);
});
