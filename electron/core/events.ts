// Live state from the core to whichever adapter is listening (main → webContents, the serve
// bridge → WebSockets). Typed by the contract's IpcEvents map.
import type { EventChannel, IpcEvents } from '../shared/ipc-contract.ts';

export type Listener<E extends EventChannel> = (payload: IpcEvents[E]) => void;

export class EventBus {
  #listeners = new Map<EventChannel, Set<(payload: never) => void>>();

  on<E extends EventChannel>(event: E, listener: Listener<E>): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => void set.delete(listener as (payload: never) => void);
  }

  emit<E extends EventChannel>(event: E, payload: IpcEvents[E]): void {
    for (const l of this.#listeners.get(event) ?? []) (l as Listener<E>)(payload);
  }
}
