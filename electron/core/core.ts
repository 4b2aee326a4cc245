// The app face of the core: Electron main and serve mode build one Core from their deps and hand
// `handlers` and `events` to their transport. It is the CLI's parts (core-parts.ts) plus what
// only the app runs: the contexts watcher, saved forwards (autostart restored on launch), the
// proxy list and the demo offer.
import type { AppInfo } from '../shared/ipc-contract.ts';
import type { Handlers } from './api/dispatch.ts';
import { APP_NAME, APP_VERSION } from './app-info.ts';
import type { SecretStore } from './credentials/secret-store.ts';
import { ExecPromptBroker } from './cluster/exec-prompts.ts';
import { createCoreParts } from './core-parts.ts';
import { createDemoHandlers, type DemoService } from './demo/demo-service.ts';
import { appLocalListeners } from './doctor/app-listeners.ts';
import { createDoctorHandlers } from './doctor/doctor-handlers.ts';
import { describe } from './errors.ts';
import { EventBus } from './events.ts';
import { createForwardHandlers } from './forward/forward-handlers.ts';
import { createForwardService } from './forward/forward-service.ts';
import { appKubedeskEntry } from './kubeconfig/app-kubedesk-entry.ts';
import { createContextsHandlers } from './kubeconfig/contexts-handlers.ts';
import { ContextsService } from './kubeconfig/contexts-service.ts';
import type { KubeconfigSources } from './kubeconfig/kubeconfig-sources.ts';
import { DisposableStore, type Disposable } from './lifecycle.ts';
import type { Logger } from './log.ts';
import { createProxyHandlers } from './proxy/proxy-handlers.ts';
import { ProxyManager } from './proxy/proxy-manager.ts';
import { gatewayForwards } from './services/gateway/gateway-forwards.ts';
import { GatewayManager } from './services/gateway/gateway-manager.ts';
import { ServiceHub } from './services/service-hub.ts';
import { createServicesHandlers } from './services/services-handlers.ts';
import { createTopologyHandlers } from './topology/topology-handlers.ts';

export interface CoreDeps {
  sources: KubeconfigSources;
  log: Logger;
  host: AppInfo['host'];
  /** The OS keychain (the face's one `new KeytarSecretStore()`; tests: MemorySecretStore). */
  secrets: SecretStore;
  /** KUBEDESK_HOME: the app store of imported contexts (store/kubedesk-home.ts). */
  home: string;
  /** The env exec plugins run in: the login shell's for a GUI launch; default process.env. */
  execEnv?: () => Promise<NodeJS.ProcessEnv>;
}

export interface Core extends Disposable {
  handlers: Handlers;
  events: EventBus;
  /** The built-in demo cluster (`serve --demo` starts it before the UI opens). */
  demo: DemoService;
  /** The laptop woke up or the network changed: re-probe every forward. */
  resume(): void;
  dispose(): Promise<void>;
}

export function createCore(deps: CoreDeps): Core {
  const store = new DisposableStore();
  const events = new EventBus();
  const execEnv = deps.execEnv ?? (async () => process.env);
  const prompts = store.add(new ExecPromptBroker((p) => events.emit('contexts:exec-prompt', p)));
  const parts = store.add(
    createCoreParts({
      sources: deps.sources,
      log: deps.log,
      home: deps.home,
      secrets: () => deps.secrets,
      // The app has no terminal: plugin prompts (device-code logins) are shown in the window.
      // A plugin that reads stdin asks for its line in the window (cluster/exec-prompts.ts).
      exec: {
        env: execEnv,
        stdinIsTTY: false,
        onStderr: (text, who) => events.emit('contexts:exec-prompt', { ...who, text }),
        prompter: prompts,
      },
      rule: 'app',
    }),
  );
  const { sources, imported, connections } = parts;
  // An import that crashed between its keychain write and its store write left an entry behind.
  void imported.removeOrphanSecrets().catch((err: unknown) => deps.log.warn('keychain not reconciled', { error: describe(err) }));
  const contexts = store.add(
    new ContextsService({ sources, imported, connections, secrets: parts.secrets, events, log: deps.log, execEnv, prompts }),
  );
  contexts.watch();
  const forwards = store.add(createForwardService({ log: deps.log, events, home: deps.home, connect: connections.connect }));
  const demo = parts.demo;
  store.add(
    demo.onStarted(async () => {
      connections.forget();
      events.emit('contexts:changed', await contexts.snapshot());
    }),
  );
  const proxies = store.add(new ProxyManager({ connect: connections.connect, events, log: deps.log }));
  const hub = store.add(new ServiceHub({ connect: connections.connect, log: deps.log }));
  // Added after `forwards`, so disposed before it: each gateway removes its own forward first.
  const gateways = store.add(
    new GatewayManager({ connect: connections.connect, log: deps.log, home: deps.home, events, forwards: gatewayForwards(forwards) }),
  );

  const handlers: Handlers = {
    'app:info': async () => ({ name: APP_NAME, version: APP_VERSION, host: deps.host, platform: process.platform }),
    ...createContextsHandlers(contexts, {
      sources,
      secrets: () => parts.secrets,
      imported: () => parts.imported,
      home: deps.home,
      entry: () => appKubedeskEntry(),
    }),
    ...createDemoHandlers(demo),
    ...createDoctorHandlers({
      connections,
      rule: 'app',
      emit: (e) => events.emit('doctor:check', e),
      localListeners: appLocalListeners({
        proxies: () => proxies.list(),
        forwards: () => forwards.list(),
        gateways: () => gateways.list(),
      }),
    }),
    ...createForwardHandlers({ manager: forwards }),
    ...createProxyHandlers(proxies),
    ...createServicesHandlers({
      hub,
      gateways,
      connect: connections.connect,
      events,
      home: deps.home,
      originOf: async (name) => (await connections.load()).union.contexts.get(name)?.origin.kind,
    }),
    ...createTopologyHandlers({
      connect: connections.connect,
      proxies: () => proxies.list(),
      forwards: () => forwards.list(),
      gateways: () => gateways.list(),
    }),
  };
  return { handlers, events, demo, resume: () => forwards.onResume(), dispose: () => store.dispose() };
}
