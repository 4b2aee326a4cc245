// main.ts loads only the module of the command it runs, found by name: commands/NAME.ts must
// export the Command NAME, or that command would load the whole table (slower, same behaviour).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../electron/cli/commands/index.ts';

const DIR = join(import.meta.dirname, '../../../electron/cli/commands');

describe('each command lives in commands/NAME.ts', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s', async (name, command) => {
    const file = join(DIR, `${name}.ts`);
    expect(existsSync(file)).toBe(true);
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    expect(Object.values(mod)).toContain(command);
  });
});
