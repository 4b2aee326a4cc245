import { describe, expect, it } from 'vitest';
import { DisposableStore, toDisposable } from '../../../electron/core/lifecycle.ts';

describe('DisposableStore (docs/architecture.md, Lifetimes)', () => {
  it('disposes children in reverse order, once', async () => {
    const order: number[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => void order.push(1)));
    store.add(toDisposable(() => void order.push(2)));
    store.defer(async () => void order.push(3));
    await store.dispose();
    await store.dispose();
    expect(order).toEqual([3, 2, 1]);
  });

  it('still disposes the rest when one child throws, then reports it', async () => {
    const order: number[] = [];
    const store = new DisposableStore();
    store.defer(() => void order.push(1));
    store.defer(() => {
      throw new Error('x');
    });
    await expect(store.dispose()).rejects.toThrow('dispose failed');
    expect(order).toEqual([1]);
  });

  it('disposes an item added after it was disposed, and refuses it', async () => {
    const store = new DisposableStore();
    await store.dispose();
    let disposed = false;
    expect(() => store.add(toDisposable(() => void (disposed = true)))).toThrow();
    expect(disposed).toBe(true);
  });
});
