// The client for components that run calls of their own deep in a view (Diagnose on an error
// banner, the keychain section of a context's details), where no parent hands one down: the one
// client main.ts made for the window (the preload's `window.kubedesk`, or serve mode's WebSocket),
// so the page keeps a single connection.
import type { KubeDeskClient } from '../../../../../electron/shared/ipc-contract.ts';

let client: KubeDeskClient | null = null;

/** Called once by main.ts, before the app mounts. */
export function provideAppClient(c: KubeDeskClient): void {
  client = c;
}

export function appClient(): KubeDeskClient {
  if (client === null) throw new Error('appClient() before main.ts provided the client');
  return client;
}
