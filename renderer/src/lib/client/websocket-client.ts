// Serve mode's transport: the IPC contract over a WebSocket, with the session token carried as a
// subprotocol entry (docs/security.md, H6: browsers can't set WebSocket headers).
import {
  BRIDGE_PROTOCOL,
  TOKEN_PROTOCOL_PREFIX,
  type BridgeMessage,
  type BridgeRequest,
} from '../../../../electron/shared/bridge-protocol.ts';
import type { EventChannel, IpcError, IpcEvents, KubeDeskClient, Result } from '../../../../electron/shared/ipc-contract.ts';
import type { LaunchSession } from './launch-session.ts';

export interface WebSocketClientOptions {
  url: string;
  /** The session token, once the launch code is traded (launch-session.ts). */
  session: Promise<LaunchSession>;
  WebSocketImpl: typeof WebSocket;
}

function noSession(reason: 'no-code' | 'code-refused'): IpcError {
  return {
    code: 'unauthorized',
    message:
      reason === 'no-code'
        ? 'Open the link printed by `kubedesk serve` (it carries a one-time launch code).'
        : 'This link was already used or has expired. Open the link printed by `kubedesk serve` (start it again for a new one).',
  };
}

type Pending = { resolve: (r: Result<unknown>) => void; payload: string };

export function createWebSocketClient(opts: WebSocketClientOptions): KubeDeskClient {
  let nextId = 1;
  let ws: WebSocket | undefined;
  let retryMs = 250;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();

  const failAll = (message: string): void => {
    for (const [id, p] of pending) {
      pending.delete(id);
      p.resolve({ ok: false, error: { code: 'unreachable', message } });
    }
  };

  let token: string | undefined;
  const connect = (): void => {
    if (!token) return;
    const socket = new opts.WebSocketImpl(opts.url, [BRIDGE_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`]);
    ws = socket;
    socket.onopen = () => {
      retryMs = 250;
      for (const p of pending.values()) socket.send(p.payload);
    };
    socket.onmessage = (ev: MessageEvent) => {
      const msg = JSON.parse(String(ev.data)) as BridgeMessage;
      if (msg.t === 'result') {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        p?.resolve(msg.result);
      } else {
        for (const l of listeners.get(msg.event) ?? []) (l as (p: unknown) => void)(msg.payload);
      }
    };
    socket.onclose = () => {
      ws = undefined;
      failAll('Lost the connection to KubeDesk; reconnecting.');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  const ready = opts.session.then((session) => {
    token = session.token;
    connect();
    return session;
  });

  return {
    invoke: (async (channel, req) => {
      const session = await ready;
      if (session.token === undefined) return { ok: false, error: noSession(session.reason) };
      const id = nextId++;
      const message: BridgeRequest = { t: 'invoke', id, channel, req };
      const payload = JSON.stringify(message);
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, { resolve, payload });
        if (ws?.readyState === 1) ws.send(payload);
      });
    }) as KubeDeskClient['invoke'],
    on: ((event: EventChannel, listener: (payload: IpcEvents[EventChannel]) => void) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    }) as KubeDeskClient['on'],
  };
}
