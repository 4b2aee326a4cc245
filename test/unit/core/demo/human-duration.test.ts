// The demo's AGE and LAST SEEN cells: apimachinery's HumanDuration (human-duration.ts), checked at
// each of its unit boundaries.
import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../../../electron/core/demo/human-duration.ts';

describe('humanDuration', () => {
  it.each([
    [5_000, '5s'],
    [119_000, '119s'],
    [150_000, '2m30s'],
    [600_000, '10m'],
    [3 * 3600_000 + 60_000, '3h1m'],
    [47 * 3600_000, '47h'],
    [50 * 3600_000, '2d2h'],
    [10 * 86400_000, '10d'],
  ])('humanDuration(%i) = %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});
