import { describe, expect, it } from 'vitest';
import type { IpcError, Result } from '../../../../electron/shared/ipc-contract.ts';
import { ListState } from '../../../../renderer/src/lib/state/list-state.svelte.ts';

interface Row {
  id: string;
  n: number;
}

const failure: IpcError = { code: 'unreachable', message: 'connection refused' };

function list(answer: () => Result<Row[]>, order?: (a: Row, b: Row) => number): ListState<Row> {
  return new ListState<Row>({ idOf: (r) => r.id, load: async () => answer(), ...(order ? { order } : {}) });
}

describe('ListState', () => {
  it('is loading until the first refresh, which keeps the items or the error', async () => {
    let answer: Result<Row[]> = { ok: false, error: failure };
    const s = list(() => answer);
    expect(s.loading).toBe(true);
    await s.refresh();
    expect(s.loading).toBe(false);
    expect(s.error).toEqual(failure);
    expect(s.items).toEqual([]);
    answer = { ok: true, value: [{ id: 'a', n: 1 }] };
    await s.refresh();
    expect(s.error).toBeNull();
    expect(s.items).toEqual([{ id: 'a', n: 1 }]);
  });

  it('upserts by id in place, appends new ids, and removes by id', () => {
    const s = list(() => ({ ok: true, value: [] }));
    s.items = [
      { id: 'a', n: 1 },
      { id: 'b', n: 1 },
    ];
    s.upsert({ id: 'a', n: 2 });
    s.upsert({ id: 'c', n: 1 });
    expect(s.items).toEqual([
      { id: 'a', n: 2 },
      { id: 'b', n: 1 },
      { id: 'c', n: 1 },
    ]);
    expect(s.get('a')?.n).toBe(2);
    s.remove('b');
    expect(s.items.map((r) => r.id)).toEqual(['a', 'c']);
  });

  it('keeps the given order after a refresh and each upsert', async () => {
    const byId = (a: Row, b: Row): number => a.id.localeCompare(b.id);
    const s = list(
      () => ({
        ok: true,
        value: [
          { id: 'c', n: 0 },
          { id: 'a', n: 0 },
        ],
      }),
      byId,
    );
    await s.refresh();
    s.upsert({ id: 'b', n: 0 });
    expect(s.items.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('marks an id busy while its call is in flight and records the call error', async () => {
    const s = list(() => ({ ok: true, value: [] }));
    let finish!: (r: Result<void>) => void;
    const pending = s.track('a', () => new Promise<Result<void>>((resolve) => (finish = resolve)));
    expect(s.isBusy('a')).toBe(true);
    expect(s.isBusy('b')).toBe(false);
    finish({ ok: false, error: failure });
    expect(await pending).toEqual({ ok: false, error: failure });
    expect(s.isBusy('a')).toBe(false);
    expect(s.error).toEqual(failure);
    await s.track('a', async () => ({ ok: true, value: undefined }));
    expect(s.error).toBeNull();
  });

  it('clears the busy mark even when the call throws', async () => {
    const s = list(() => ({ ok: true, value: [] }));
    await expect(s.track('a', () => Promise.reject(new Error('transport closed')))).rejects.toThrow('transport closed');
    expect(s.busy).toEqual([]);
  });
});
