// Serve mode's transport: the IPC contract over a WebSocket, with the per-launch token carried as
// a subprotocol entry (SPEC.md §1.4 H6: browsers can't set WebSocket headers).
import { BRIDGE_PROTOCOL, type BridgeMessage, type BridgeRequest } from '../../../../electron/shared/bridge-protocol.ts';
import type { EventChannel, IpcEvents, KubeDeskClient, Result } from '../../../../electron/shared/ipc-contract.ts';

const TOKEN_KEY = 'kubedesk.token';

/** Reads `#token=…` once, keeps it in sessionStorage and removes it from the address bar. */
export function takeTokenFromLocation(win: Window): string | undefined {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(win.location.hash);
  if (match?.[1]) {
    win.sessionStorage.setItem(TOKEN_KEY, match[1]);
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
    return match[1];
  }
  return win.sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export interface WebSocketClientOptions {
  url: string;
  token: string | undefined;
  WebSocketImpl: typeof WebSocket;
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

  const connect = (): void => {
    if (!opts.token) return;
    const socket = new opts.WebSocketImpl(opts.url, [BRIDGE_PROTOCOL, `kubedesk.token.${opts.token}`]);
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
  connect();

  return {
    invoke: ((channel, req) => {
      if (!opts.token) {
        return Promise.resolve({
          ok: false,
          error: { code: 'unauthorized', message: 'Open the link printed by `kubedesk serve` (it carries the access token).' },
        });
      }
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
