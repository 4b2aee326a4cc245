// Wires the contract to Electron IPC: one `ipcMain.handle` per channel, events to the window.
// Main distrusts the renderer (docs/architecture.md, The IPC contract): only our own frame may call, and every request is
// validated by dispatch before core sees it. Structural types keep this testable against a fake
// ipcMain, since no Electron binary runs in tests.
import { CHANNELS, EVENT_CHANNELS, IPC_PREFIX, type Result } from '../shared/ipc-contract.ts';
import { dispatch } from '../core/api/dispatch.ts';
import type { Core } from '../core/core.ts';
import type { Disposable } from '../core/lifecycle.ts';
import type { Logger } from '../core/log.ts';

export interface InvokeEventLike {
  senderFrame: { url: string } | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, req: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}
export interface WebContentsLike {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  core: Core;
  log: Logger;
  /** True for a URL of our own renderer (file:// bundle, or the dev server). */
  isTrustedUrl(url: string): boolean;
}

export function registerIpc(deps: IpcDeps): Disposable {
  const controller = new AbortController();
  for (const channel of CHANNELS) {
    deps.ipcMain.handle(IPC_PREFIX + channel, async (event, req): Promise<Result<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!deps.isTrustedUrl(url)) {
        deps.log.warn('ipc: call from an untrusted frame refused', { channel });
        return { ok: false, error: { code: 'forbidden', message: 'This frame may not call KubeDesk.' } };
      }
      return dispatch({ handlers: deps.core.handlers, log: deps.log }, channel, req, controller.signal);
    });
  }
  return {
    dispose: () => {
      controller.abort();
      for (const channel of CHANNELS) deps.ipcMain.removeHandler(IPC_PREFIX + channel);
    },
  };
}

/** Forwards every contract event to one window's webContents; returns the unsubscribe. */
export function forwardEvents(core: Core, contents: WebContentsLike): () => void {
  const offs = EVENT_CHANNELS.map((event) =>
    core.events.on(event, (payload) => {
      if (!contents.isDestroyed()) contents.send(IPC_PREFIX + event, payload);
    }),
  );
  return () => offs.forEach((off) => off());
}

/** Our renderer: the packaged file:// bundle under `rendererDir`, or the dev server's origin. */
export function trustedUrlChecker(rendererFileUrl: string, devServerUrl: string | undefined): (url: string) => boolean {
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
  const fileBase = rendererFileUrl.replace(/[^/]*$/, '');
  return (url) => {
    if (devOrigin !== undefined) {
      try {
        if (new URL(url).origin === devOrigin) return true;
      } catch {
        return false;
      }
    }
    return url.startsWith(fileBase);
  };
}
