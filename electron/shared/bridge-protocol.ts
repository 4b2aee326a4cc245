// The serve-mode WebSocket bridge's messages: the same contract as Electron IPC, as JSON.
import type { Channel, EventChannel, IpcEvents, Result } from './ipc-contract.ts';

export const BRIDGE_PATH = '/bridge';
/** Subprotocol the client offers next to its `kubedesk.token.<t>` entry; the server selects it. */
export const BRIDGE_PROTOCOL = 'kubedesk.bridge.v1';

export type BridgeRequest = { t: 'invoke'; id: number; channel: Channel; req?: unknown };
export type BridgeMessage =
  | { t: 'result'; id: number; result: Result<unknown> }
  | { [E in EventChannel]: { t: 'event'; event: E; payload: IpcEvents[E] } }[EventChannel];
