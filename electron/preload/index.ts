// contextBridge only: exposes the contract as `window.kubedesk`, passing only listed channels and
// stripping Electron's event object (docs/architecture.md, The IPC contract; Headlamp's `app/electron/preload.ts`).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_PREFIX, isChannel, isEventChannel, type KubeDeskClient, type Result } from '../shared/ipc-contract.ts';

const client: KubeDeskClient = {
  invoke: ((channel: unknown, req: unknown): Promise<Result<unknown>> => {
    if (!isChannel(channel)) return Promise.resolve({ ok: false, error: { code: 'invalid-input', message: 'unknown channel' } });
    return ipcRenderer.invoke(IPC_PREFIX + channel, req) as Promise<Result<unknown>>;
  }) as KubeDeskClient['invoke'],
  on: ((event: unknown, listener: (payload: unknown) => void) => {
    if (!isEventChannel(event)) return () => {};
    const handler = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(IPC_PREFIX + event, handler);
    return () => void ipcRenderer.removeListener(IPC_PREFIX + event, handler);
  }) as KubeDeskClient['on'],
};

contextBridge.exposeInMainWorld('kubedesk', client);
