// The core's composition: every adapter (Electron main, the CLI's serve mode, tests) builds one
// Core from its deps and hands `handlers` and `events` to its transport.
import type { AppInfo } from '../shared/ipc-contract.ts';
import type { Handlers } from './api/dispatch.ts';
import { APP_NAME, APP_VERSION } from './app-info.ts';
import { EventBus } from './events.ts';
import { createForwardHandlers } from './forward/forward-handlers.ts';
import { createForwardService } from './forward/forward-service.ts';
import { ConnectionProvider } from './cluster/connection-provider.ts';
import type { ExecDeps } from './cluster/exec-plugin.ts';
import type { SecretStore } from './credentials/secret-store.ts';
import { createDemoHandlers, DemoService } from './demo/demo-service.ts';
import { createContextsHandlers } from './kubeconfig/contexts-handlers.ts';
import { ContextsService } from './kubeconfig/contexts-service.ts';
import { AppStore } from './store/app-store.ts';
import { ImportedContexts } from './store/imported-contexts.ts';
import type { KubeconfigSources } from './kubeconfig/kubeconfig-sources.ts';
import { DisposableStore, type Disposable } from './lifecycle.ts';
import type { Logger } from './log.ts';
import { createProxyHandlers } from './proxy/proxy-handlers.ts';
import { ProxyManager } from './proxy/proxy-manager.ts';

export interface CoreDeps {
  sources: KubeconfigSources;
  log: Logger;
  host: AppInfo['host'];
  /** The OS keychain (the adapter's one `new KeytarSecretStore()`; tests: MemorySecretStore). */
  secrets: SecretStore;
  /** KUBEDESK_HOME: the app store of imported contexts (store/kubedesk-home.ts). */
  home: string;
  /** The env exec plugins run in: the login shell's for a GUI launch; default process.env. */
  execEnv?: () => Promise<NodeJS.ProcessEnv>;
}

export interface Core extends Disposable {
  handlers: Handlers;
  events: EventBus;
  /** The laptop woke up or the network changed: re-probe every forward (issue 7). */
  resume(): void;
  dispose(): Promise<void>;
}

export function createCore(deps: CoreDeps): Core {
  const store = new DisposableStore();
  const events = new EventBus();
  const execEnv = deps.execEnv ?? (async () => process.env);
  const imported = new ImportedContexts({ store: new AppStore({ home: deps.home }), secrets: deps.secrets, log: deps.log });
  // The app has no terminal: plugin prompts (device-code logins) are shown in the window.
  const exec: ExecDeps = {
    env: execEnv,
    stdinIsTTY: false,
    onStderr: (text, who) => events.emit('contexts:exec-prompt', { ...who, text }),
  };
  const connections = store.add(new ConnectionProvider({ sources: deps.sources, imported, exec, log: deps.log, rule: 'app' }));
  const contexts = store.add(
    new ContextsService({ sources: deps.sources, imported, connections, secrets: deps.secrets, events, log: deps.log, execEnv }),
  );
  contexts.watch();
  const forwards = store.add(
    createForwardService({ sources: deps.sources, log: deps.log, events, home: deps.home, connect: connections.connect }),
  );
  const demo = store.add(
    new DemoService({
      sources: deps.sources,
      log: deps.log,
      onStarted: async () => {
        connections.forget();
        events.emit('contexts:changed', await contexts.snapshot());
      },
    }),
  );
  const proxies = store.add(new ProxyManager({ connect: connections.connect, events, log: deps.log }));

  const handlers: Handlers = {
    'app:info': async () => ({ name: APP_NAME, version: APP_VERSION, host: deps.host, platform: process.platform }),
    ...createContextsHandlers(contexts),
    ...createDemoHandlers(demo),
    ...createForwardHandlers({ manager: forwards }),
    ...createProxyHandlers(proxies),
  };
  return { handlers, events, resume: () => forwards.onResume(), dispose: () => store.dispose() };
}
