// One client interface, two transports: Electron's preload (`window.kubedesk`) or serve mode's
// WebSocket bridge. The app cannot tell which it has.
import { BRIDGE_PATH } from '../../../../electron/shared/bridge-protocol.ts';
import type { KubeDeskClient } from '../../../../electron/shared/ipc-contract.ts';
import { startLaunchSession } from './launch-session.ts';
import { createWebSocketClient } from './websocket-client.ts';

declare global {
  interface Window {
    kubedesk?: KubeDeskClient;
  }
}

export function connectClient(win: Window & typeof globalThis): KubeDeskClient {
  if (win.kubedesk) return win.kubedesk;
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketClient({
    url: `${scheme}//${win.location.host}${BRIDGE_PATH}`,
    session: startLaunchSession({
      location: win.location,
      history: win.history,
      sessionStorage: win.sessionStorage,
      fetch: win.fetch.bind(win),
    }),
    WebSocketImpl: win.WebSocket,
  });
}
