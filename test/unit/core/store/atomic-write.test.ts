import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../../electron/core/store/atomic-write.ts';
import { tempDir } from '../../../support/kubedesk-fixtures.ts';

describe('atomic writes: temp file, fsync, rename', () => {
  it('a failure between the temp write and the rename leaves the old file and no temp file', async () => {
    const dir = tempDir();
    const file = join(dir, 'store.json');
    writeFileSync(file, 'old');
    let seen = '';
    await expect(
      writeFileAtomic(file, 'new', {
        hooks: {
          afterTempWrite: (tmp) => {
            seen = readFileSync(tmp, 'utf8');
            throw new Error('power cut');
          },
        },
      }),
    ).rejects.toThrow('power cut');
    expect(seen).toBe('new');
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['store.json']);
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
  });
});
