// The core's composition: every adapter (Electron main, the CLI's serve mode, tests) builds one
// Core from its deps and hands `handlers` and `events` to its transport.
import type { AppInfo } from '../shared/ipc-contract.ts';
import type { Handlers } from './api/dispatch.ts';
import { APP_NAME, APP_VERSION } from './app-info.ts';
import { EventBus } from './events.ts';
import { ContextsService } from './kubeconfig/contexts-service.ts';
import type { KubeconfigSources } from './kubeconfig/kubeconfig-sources.ts';
import { DisposableStore, type Disposable } from './lifecycle.ts';
import type { Logger } from './log.ts';

export interface CoreDeps {
  sources: KubeconfigSources;
  log: Logger;
  host: AppInfo['host'];
}

export interface Core extends Disposable {
  handlers: Handlers;
  events: EventBus;
  dispose(): Promise<void>;
}

export function createCore(deps: CoreDeps): Core {
  const store = new DisposableStore();
  const events = new EventBus();
  const contexts = store.add(new ContextsService({ sources: deps.sources, events, log: deps.log }));
  contexts.watch();

  const handlers: Handlers = {
    'app:info': async () => ({ name: APP_NAME, version: APP_VERSION, host: deps.host, platform: process.platform }),
    'contexts:list': () => contexts.snapshot(),
  };
  return { handlers, events, dispose: () => store.dispose() };
}
