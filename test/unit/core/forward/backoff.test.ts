import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../electron/core/forward/backoff.ts';

describe('reconnect backoff (docs/port-forward.md, Pod loss: 0.5 s doubling to 8 s)', () => {
  it('doubles from 0.5 s and caps at 8 s without jitter', () => {
    const d = [0, 1, 2, 3, 4, 5, 10, 100].map((n) => backoffDelay(n, { random: () => 0 }));
    expect(d).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000, 8000]);
  });

  it('jitter only shortens a delay, by at most the jitter fraction', () => {
    for (let i = 0; i < 200; i++) {
      const ms = backoffDelay(4);
      expect(ms).toBeLessThanOrEqual(8000);
      expect(ms).toBeGreaterThanOrEqual(8000 * 0.8);
    }
    expect(backoffDelay(0, { random: () => 1, jitter: 0.5 })).toBe(250);
  });
});
