// ForwardStore in memory; `saves` counts writes.
import type { ForwardStore, SavedForward } from '../../electron/core/forward/forward-store.ts';

export class MemoryForwardStore implements ForwardStore {
  forwards: SavedForward[];
  saves = 0;
  constructor(initial: SavedForward[] = []) {
    this.forwards = structuredClone(initial);
  }
  async load(): Promise<SavedForward[]> {
    return structuredClone(this.forwards);
  }
  async save(forwards: readonly SavedForward[]): Promise<void> {
    this.saves++;
    this.forwards = structuredClone([...forwards]);
  }
}
