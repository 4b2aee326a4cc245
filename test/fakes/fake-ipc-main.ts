// A fake of Electron's ipcMain: no Electron binary can run in tests (README, "Tests"), so main's
// handlers are exercised through the same structural interface they use in the app.
import type { InvokeEventLike, IpcMainLike } from '../../electron/main/ipc.ts';

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, req: unknown) => Promise<unknown>>();

  handle(channel: string, listener: (event: InvokeEventLike, req: unknown) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What `ipcRenderer.invoke(channel, req)` from a frame at `url` would get. */
  async invoke(channel: string, req: unknown, url: string): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h({ senderFrame: { url } }, req);
  }
}
