// The serve-mode WebSocket bridge's messages: the same contract as Electron IPC, as JSON. And
// how a page gets the session token the bridge asks for (docs/security.md, serve mode).
import type { Channel, EventChannel, IpcEvents, Result } from './ipc-contract.ts';

export const BRIDGE_PATH = '/bridge';
/** Subprotocol the client offers next to its `kubedesk.token.<t>` entry; the server selects it. */
export const BRIDGE_PROTOCOL = 'kubedesk.bridge.v1';
/** The session token as a subprotocol entry (browsers can't set WebSocket headers). */
export const TOKEN_PROTOCOL_PREFIX = 'kubedesk.token.';

/** The launch URL's fragment parameter: `http://127.0.0.1:PORT/#code=…`, a one-time code. */
export const LAUNCH_CODE_PARAM = 'code';
/** POST `{ code }` (JSON) → `{ token }`: trades a launch code, once, for the session token. */
export const SESSION_PATH = '/session';
/** POST with `Authorization: Bearer <token>` → `{ code }`: a new launch code for another tab. */
export const LAUNCH_CODE_PATH = '/session/launch-code';

export type SessionRequest = { code: string };
export type SessionResponse = { token: string };
export type LaunchCodeResponse = { code: string };

export type BridgeRequest = { t: 'invoke'; id: number; channel: Channel; req?: unknown };
export type BridgeMessage =
  | { t: 'result'; id: number; result: Result<unknown> }
  | { [E in EventChannel]: { t: 'event'; event: E; payload: IpcEvents[E] } }[EventChannel];
