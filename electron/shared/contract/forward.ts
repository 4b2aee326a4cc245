// Contract fragment: port-forwards. Forwards are saved per context; each has a live
// state pushed as `forward:state-changed`.
import type { ErrorCode } from '../ipc-contract.ts';

export const FORWARD_STATES = ['starting', 'active', 'reconnecting', 'failed', 'stopped'] as const;
export type ForwardState = (typeof FORWARD_STATES)[number];

/** What the user asks for, as `kubedesk forward` takes it. */
export interface ForwardSpecInput {
  context: string;
  /** Default: the context's namespace. */
  namespace?: string | undefined;
  /** `pod/NAME`, `svc/NAME`, `deploy/NAME` or a bare pod name. */
  target: string;
  /** kubectl port arguments: `8080:80`, `:80`, `http`. */
  ports: string[];
  /** Default `['localhost']` (127.0.0.1 and ::1). */
  addresses?: string[] | undefined;
  /** Services/deployments: spread new connections over every ready pod. */
  spread?: boolean | undefined;
  /** Start when KubeDesk starts. */
  autostart?: boolean | undefined;
}

/** A saved forward, normalised. */
export interface ForwardSpec {
  context: string;
  namespace: string;
  target: string;
  ports: string[];
  addresses: string[];
  spread: boolean;
  autostart: boolean;
}

export interface ForwardBinding {
  address: string;
  local: number;
  /** The container port (kubectl's `-> R`). */
  remote: number;
  /** `http://127.0.0.1:8080/`, for copy-URL and open-in-browser. */
  url: string;
}

export interface ForwardStats {
  connectionsOpen: number;
  connectionsTotal: number;
  /** Bytes from the pod to local clients. */
  bytesIn: number;
  /** Bytes from local clients to the pod. */
  bytesOut: number;
}

export interface ForwardInfo {
  id: string;
  spec: ForwardSpec;
  state: ForwardState;
  /** ISO time the current state began. */
  since: string;
  /** The pod new connections go to. */
  pod: string | null;
  /** Every pod in rotation (more than one only when spreading). */
  pods: string[];
  bindings: ForwardBinding[];
  stats: ForwardStats;
  /** Which pods served connections, most recent pods. */
  served: Array<{ pod: string; connections: number }>;
  lastError: { code: ErrorCode; message: string; at: string } | null;
  /**
   * Reconnecting or Failed: why, in a few words (`TLS: certificate signed by unknown authority`,
   * `credentials refused (401)`, `waiting for pod web-1 to be Running`).
   */
  reason?: string;
  /**
   * The wire protocol the forward speaks, once one worked (docs/port-forward.md, Wire protocols):
   * SPDY tunnelled in a WebSocket, plain SPDY, or one v4 WebSocket per connection.
   */
  transport?: 'spdy-websocket' | 'spdy' | 'websocket-v4';
}

export interface ForwardContract {
  'forward:list': { req: void; res: ForwardInfo[] };
  /** Saves a new forward and, unless `start` is false, starts it (a start error is returned; the forward stays saved, Failed). */
  'forward:add': { req: { spec: ForwardSpecInput; start?: boolean | undefined }; res: ForwardInfo };
  /** Edits a forward; a running one is restarted with the new spec. */
  'forward:update': { req: { id: string; spec: ForwardSpecInput }; res: ForwardInfo };
  'forward:start': { req: { id: string }; res: ForwardInfo };
  'forward:stop': { req: { id: string }; res: ForwardInfo };
  'forward:remove': { req: { id: string }; res: void };
  /** Starts every saved forward of `context` (or all); per-forward failures are in their state. */
  'forward:start-all': { req: { context?: string | undefined }; res: ForwardInfo[] };
  'forward:stop-all': { req: { context?: string | undefined }; res: ForwardInfo[] };
}

export interface ForwardEvents {
  'forward:state-changed': ForwardInfo;
  'forward:removed': { id: string };
}

export const FORWARD_CHANNELS = [
  'forward:list',
  'forward:add',
  'forward:update',
  'forward:start',
  'forward:stop',
  'forward:remove',
  'forward:start-all',
  'forward:stop-all',
] as const;
export const FORWARD_EVENT_CHANNELS = ['forward:state-changed', 'forward:removed'] as const;
