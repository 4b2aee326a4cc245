// Where forwards are remembered, per context. Behind a small interface
// so the app store (electron/core/store/) can take it over without touching the rest.
import type { ForwardSpec } from '../../shared/ipc-contract.ts';

export interface SavedForward {
  id: string;
  spec: ForwardSpec;
}

export interface ForwardStore {
  load(): Promise<SavedForward[]>;
  save(forwards: readonly SavedForward[]): Promise<void>;
  /** Waits for the saves under way; later ones are refused (KubeDeskError 'cancelled'). */
  dispose?(): Promise<void>;
}
