import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../../renderer/src/lib/format/format-bytes.ts';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KiB'],
    [42 * 1024 * 1024, '42 MiB'],
    [3 * 1024 ** 5, '3072 TiB'],
  ])('%d → %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });
});
