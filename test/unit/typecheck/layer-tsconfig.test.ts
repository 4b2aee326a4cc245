import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

/** The type errors of one fixture checked with a layer's compiler options (tsconfig.<layer>.json). */
function typeErrors(layer: string, fixture: string): string[] {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  };
  const config = ts.getParsedCommandLineOfConfigFile(join(root, `tsconfig.${layer}.json`), undefined, host);
  if (!config) throw new Error(`tsconfig.${layer}.json did not parse`);
  const options = { ...config.options, composite: false, incremental: false };
  delete options.tsBuildInfoFile;
  const program = ts.createProgram({ rootNames: [join(root, 'test/fixtures/typecheck', fixture)], options });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

describe("each layer's tsconfig gives it only its runtime's API", () => {
  it('a Node API fails the typecheck in the renderer and in shared', () => {
    for (const layer of ['renderer', 'shared']) {
      const errors = typeErrors(layer, 'uses-node.ts');
      expect(errors).toContainEqual(expect.stringContaining("Cannot find module 'node:fs'"));
      expect(errors).toContainEqual(expect.stringContaining("Cannot find name 'process'"));
    }
  }, 30_000);

  it('a DOM API fails the typecheck in shared and in core', () => {
    for (const layer of ['shared', 'node']) {
      const errors = typeErrors(layer, 'uses-dom.ts');
      expect(errors).toContainEqual(expect.stringContaining("Cannot find name 'document'"));
      expect(errors).toContainEqual(expect.stringContaining("Cannot find name 'window'"));
    }
  }, 30_000);

  it('but the same code passes where that runtime is', () => {
    expect(typeErrors('node', 'uses-node.ts')).toEqual([]);
    expect(typeErrors('renderer', 'uses-dom.ts')).toEqual([]);
    expect(typeErrors('test', 'uses-node.ts')).toEqual([]);
  }, 30_000);
});
