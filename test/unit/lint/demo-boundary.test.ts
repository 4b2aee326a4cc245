import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const fixture = (name: string): string => readFileSync(join(root, 'test/fixtures/lint', name), 'utf8');
const eslint = new ESLint({ cwd: root });

/** The no-restricted-imports messages when `code` is linted as if it lived at `path`. */
async function lintAs(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const importing = (from: string): string => `import { a } from '${from}';\nexport const b = a;\n`;
const boundary = expect.stringContaining('Demo boundary');
const layer = expect.stringContaining('Layer rule');

describe('the demo boundary (docs/demo-cluster.md) fails lint', () => {
  it('when core outside the demo imports a demo module other than demo-service.ts', async () => {
    expect(await lintAs('electron/core/forward/x.ts', fixture('core-imports-demo-internals.ts'))).toEqual([boundary]);
    expect(await lintAs('electron/core/core.ts', importing('./demo/world/seed-shop.ts'))).toEqual([boundary]);
  }, 30_000);

  it('when the demo imports a core module outside its allowlist, at either folder depth', async () => {
    expect(await lintAs('electron/core/demo/x.ts', fixture('demo-imports-core.ts'))).toEqual([boundary]);
    expect(await lintAs('electron/core/demo/world/x.ts', fixture('demo-world-imports-core.ts'))).toEqual([boundary]);
    expect(await lintAs('electron/core/demo/x.ts', importing('../http/other.ts'))).toEqual([boundary]);
  }, 30_000);

  it('when the CLI or serve mode imports a demo module other than demo-service.ts and demo-names.ts', async () => {
    for (const path of ['electron/cli/commands/x.ts', 'electron/serve/x.ts']) {
      expect(await lintAs(path, fixture('adapter-imports-demo-internals.ts'))).toEqual([boundary]);
    }
  }, 30_000);

  it('and the layer rule still holds inside the new blocks', async () => {
    expect(await lintAs('electron/core/forward/x.ts', importing('../main/ipc.ts'))).toEqual([layer]);
    expect(await lintAs('electron/core/demo/world/x.ts', importing('../../serve/x.ts'))).toEqual([layer, boundary]);
    expect(await lintAs('electron/cli/x.ts', fixture('adapter-imports-main.ts'))).toEqual([layer]);
    expect(await lintAs('electron/core/demo/x.ts', "import { app } from 'electron';\nexport const b = app;\n")).toEqual([
      expect.stringContaining('Only electron/main and electron/preload import electron'),
    ]);
  }, 30_000);
});

describe('the demo boundary allows', () => {
  it('core to import DemoService, the CLI to import it and the demo names', async () => {
    expect(await lintAs('electron/core/core.ts', importing('./demo/demo-service.ts'))).toEqual([]);
    expect(await lintAs('electron/cli/commands/x.ts', importing('../../core/demo/demo-service.ts'))).toEqual([]);
    expect(await lintAs('electron/cli/commands/x.ts', importing('../../core/demo/demo-names.ts'))).toEqual([]);
  }, 30_000);

  it('the demo to import its allowlist, its own modules, and DemoService to compose core', async () => {
    for (const from of [
      '../log.ts',
      '../lifecycle.ts',
      '../errors.ts',
      '../http/hop-by-hop.ts',
      '../kube/kube-objects.ts',
      './object-store.ts',
    ]) {
      expect(await lintAs('electron/core/demo/x.ts', importing(from))).toEqual([]);
    }
    expect(await lintAs('electron/core/demo/world/x.ts', importing('../api-resources.ts'))).toEqual([]);
    expect(await lintAs('electron/core/demo/world/x.ts', importing('../../kube/label-selector.ts'))).toEqual([]);
    expect(await lintAs('electron/core/demo/demo-service.ts', importing('../api/dispatch.ts'))).toEqual([]);
  }, 30_000);
});
