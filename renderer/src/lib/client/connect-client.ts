// One client interface, two transports: Electron's preload (`window.kubedesk`) or serve mode's
// WebSocket bridge. The app cannot tell which it has.
import type { KubeDeskClient } from '../../../../electron/shared/ipc-contract.ts';
import { createWebSocketClient, takeTokenFromLocation } from './websocket-client.ts';

declare global {
  interface Window {
    kubedesk?: KubeDeskClient;
  }
}

export function connectClient(win: Window & typeof globalThis): KubeDeskClient {
  if (win.kubedesk) return win.kubedesk;
  const token = takeTokenFromLocation(win);
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketClient({ url: `${scheme}//${win.location.host}/bridge`, token, WebSocketImpl: win.WebSocket });
}
