// The one IPC contract (docs/architecture.md, The IPC contract). Main's handlers, the
// preload, the serve-mode WebSocket bridge and the renderer all take their types from here.
// It imports only its own fragments under contract/: the renderer bundles it.
import { APP_CHANNELS, type AppContract } from './contract/app.ts';
import { CONTEXTS_CHANNELS, CONTEXTS_EVENT_CHANNELS, type ContextsContract, type ContextsEvents } from './contract/contexts.ts';
import { FORWARD_CHANNELS, FORWARD_EVENT_CHANNELS, type ForwardContract, type ForwardEvents } from './contract/forward.ts';
import { DEMO_CHANNELS, type DemoContract } from './contract/demo.ts';
import { DOCTOR_CHANNELS, DOCTOR_EVENT_CHANNELS, type DoctorContract, type DoctorEvents } from './contract/doctor.ts';
import { PROXY_CHANNELS, PROXY_EVENT_CHANNELS, type ProxyContract, type ProxyEvents } from './contract/proxy.ts';
import { TOPOLOGY_CHANNELS, type TopologyContract } from './contract/topology.ts';
import { SERVICES_CHANNELS, SERVICES_EVENT_CHANNELS, type ServicesContract, type ServicesEvents } from './contract/services.ts';

export type * from './contract/app.ts';
export type * from './contract/contexts.ts';
export type * from './contract/demo.ts';
export type * from './contract/doctor.ts';
export type * from './contract/forward.ts';
export type * from './contract/proxy.ts';
export type * from './contract/services.ts';
export type * from './contract/topology.ts';

export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'unauthorized',
  'forbidden',
  'unreachable',
  'timeout',
  'keychain-unavailable',
  'port-in-use',
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export interface IpcError {
  code: ErrorCode;
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/**
 * Channel → request → response. Each area declares its channels in a fragment under
 * `contract/` (one line per channel) and is listed here once; the compiler then flags every
 * side that lacks a handler, schema or runtime entry.
 */
export type IpcContract = AppContract &
  ContextsContract &
  DemoContract &
  DoctorContract &
  ForwardContract &
  ProxyContract &
  ServicesContract &
  TopologyContract;

/** Live state pushed from the core. Subscribing returns an unsubscribe. */
export type IpcEvents = ContextsEvents & DoctorEvents & ForwardEvents & ProxyEvents & ServicesEvents;

export type Channel = keyof IpcContract;
export type EventChannel = keyof IpcEvents;
export type Req<C extends Channel> = IpcContract[C]['req'];
export type Res<C extends Channel> = IpcContract[C]['res'];

export type Invoke = <C extends Channel>(channel: C, req: Req<C>) => Promise<Result<Res<C>>>;
export type Subscribe = <E extends EventChannel>(event: E, listener: (payload: IpcEvents[E]) => void) => () => void;

/** What the renderer is given, by the preload (`window.kubedesk`) or by the WebSocket client. */
export interface KubeDeskClient {
  invoke: Invoke;
  on: Subscribe;
}

/** Runtime lists, so adapters can reject unknown channels (docs/architecture.md, The IPC contract). */
export const CHANNELS = [
  ...APP_CHANNELS,
  ...CONTEXTS_CHANNELS,
  ...DEMO_CHANNELS,
  ...DOCTOR_CHANNELS,
  ...FORWARD_CHANNELS,
  ...PROXY_CHANNELS,
  ...SERVICES_CHANNELS,
  ...TOPOLOGY_CHANNELS,
] as const satisfies readonly Channel[];
export const EVENT_CHANNELS = [
  ...CONTEXTS_EVENT_CHANNELS,
  ...DOCTOR_EVENT_CHANNELS,
  ...FORWARD_EVENT_CHANNELS,
  ...PROXY_EVENT_CHANNELS,
  ...SERVICES_EVENT_CHANNELS,
] as const satisfies readonly EventChannel[];

// Compile-time check that the runtime lists name every channel.
type Missing<T extends string, L extends readonly string[]> = Exclude<T, L[number]>;
const _CHANNELS_COMPLETE: Missing<Channel, typeof CHANNELS> extends never ? true : never = true;
const _EVENTS_COMPLETE: Missing<EventChannel, typeof EVENT_CHANNELS> extends never ? true : never = true;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}

/** IPC channel names on the Electron wire carry a prefix, as VS Code's `vscode:` (docs/architecture.md, The IPC contract). */
export const IPC_PREFIX = 'kubedesk:';
