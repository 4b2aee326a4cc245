// Where forwards are remembered, per context (issue 7 "Persistence"). Behind a small interface
// so the app store (electron/core/store/, issue 5) can take it over without touching the rest.
import type { ForwardSpec } from '../../shared/ipc-contract.ts';

export interface SavedForward {
  id: string;
  spec: ForwardSpec;
}

export interface ForwardStore {
  load(): Promise<SavedForward[]>;
  save(forwards: readonly SavedForward[]): Promise<void>;
}
