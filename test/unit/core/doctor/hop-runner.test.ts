import { describe, expect, it, vi } from 'vitest';
import { failed, HopFailure, HopRunner, ok, skipped } from '../../../../electron/core/doctor/hop-runner.ts';
import type { DoctorCheck } from '../../../../electron/shared/contract/doctor.ts';

function runner(signal = new AbortController().signal): { r: HopRunner; seen: DoctorCheck[] } {
  const seen: DoctorCheck[] = [];
  return { r: new HopRunner((c) => seen.push(c), signal), seen };
}

describe('HopRunner', () => {
  it('skips what depends on a failed hop, naming it, and runs what does not', async () => {
    const { r, seen } = runner();
    const later = vi.fn(async () => ok('ran'));
    await r.step({ hop: 'dns', after: [], budgetMs: 1000, run: async () => ok('fine') });
    await r.step({ hop: 'tcp', after: ['dns'], budgetMs: 1000, run: async () => failed('refused', 'start it') });
    await r.step({ hop: 'proxy', after: ['tcp'], budgetMs: 1000, run: later });
    await r.step({ hop: 'tls', after: ['proxy'], budgetMs: 1000, run: later });
    await r.step({ hop: 'clock', after: ['dns'], budgetMs: 1000, run: async () => ok('ran') });
    expect(later).not.toHaveBeenCalled();
    expect(seen.map((c) => [c.hop, c.status, c.detail])).toEqual([
      ['dns', 'ok', 'fine'],
      ['tcp', 'failed', 'refused'],
      ['proxy', 'skipped', 'tcp failed'],
      ['tls', 'skipped', 'tcp failed'],
      ['clock', 'ok', 'ran'],
    ]);
    expect(seen[1]!.hint).toBe('start it');
    expect(r.failed).toBe(true);
  });

  it('does not block on a hop skipped for not applying', async () => {
    const { r, seen } = runner();
    await r.step({ hop: 'proxy', after: [], budgetMs: 1000, run: async () => skipped('no proxy') });
    await r.step({ hop: 'tls', after: ['proxy'], budgetMs: 1000, run: async () => ok('handshake') });
    expect(seen.map((c) => c.status)).toEqual(['skipped', 'ok']);
    expect(seen[0]!.hint).toBeNull();
    expect(r.failed).toBe(false);
  });

  it('ends a hop that ignores its signal at its budget, as a timeout', async () => {
    const { r } = runner();
    const started = performance.now();
    const c = await r.step({ hop: 'tcp', after: [], budgetMs: 100, run: () => new Promise(() => {}) });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(c.status).toBe('failed');
    expect(c.detail).toBe('no answer within 100 ms (timed out)');
  });

  it('turns a thrown HopFailure (and any other error) into a failed check', async () => {
    const { r } = runner();
    const a = await r.step({
      hop: 'tls',
      after: [],
      budgetMs: 1000,
      run: async () => Promise.reject(new HopFailure('bad cert', 'fix it')),
    });
    expect(a).toMatchObject({ status: 'failed', detail: 'bad cert', hint: 'fix it' });
    const b = await r.step({ hop: 'version', after: [], budgetMs: 1000, run: async () => Promise.reject(new Error('boom')) });
    expect(b).toMatchObject({ status: 'failed', detail: 'boom' });
  });

  it('throws cancelled when the whole run is aborted', async () => {
    const ac = new AbortController();
    const { r } = runner(ac.signal);
    const pending = r.step({ hop: 'dns', after: [], budgetMs: 10_000, run: () => new Promise(() => {}) });
    ac.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });
});
