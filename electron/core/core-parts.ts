// What every face of KubeDesk reaches clusters with, built once per face from its deps: the
// kubeconfig sources, the OS keychain, the app store of imported contexts and the connection
// provider, and the demo cluster. Each part is built on first use, so a CLI command that never
// needs the keychain never constructs it. Nothing here starts anything (no watcher, no timer, no listener): the app
// face (core.ts) adds that on top.
import { ConnectionProvider } from './cluster/connection-provider.ts';
import { DemoService } from './demo/demo-service.ts';
import type { ExecDeps } from './cluster/exec-plugin.ts';
import type { SecretStore } from './credentials/secret-store.ts';
import { LayeredKubeconfigSources, type KubeconfigSources } from './kubeconfig/kubeconfig-sources.ts';
import { DisposableStore, type Disposable } from './lifecycle.ts';
import type { Logger } from './log.ts';
import { AppStore } from './store/app-store.ts';
import { ImportedContexts } from './store/imported-contexts.ts';

export interface CorePartsDeps {
  sources: KubeconfigSources;
  log: Logger;
  /** KUBEDESK_HOME: the app store of imported contexts (store/kubedesk-home.ts). */
  home: string;
  /** Builds the OS keychain (the face's one `new KeytarSecretStore()`; tests: MemorySecretStore). */
  secrets: () => SecretStore;
  /** How exec plugins run: the terminal's env and stdin for the CLI; the window for the app. */
  exec: ExecDeps;
  /** Which current context applies without `--context` (context-union.ts). */
  rule: 'kubectl' | 'app';
}

export interface CoreParts extends Disposable {
  readonly log: Logger;
  readonly home: string;
  /** The face's sources; files can be put first for a while (the demo's kubeconfig). */
  readonly sources: LayeredKubeconfigSources;
  readonly secrets: SecretStore;
  readonly imported: ImportedContexts;
  readonly connections: ConnectionProvider;
  /** A provider over other sources (e.g. none: imported contexts only), sharing this keychain. */
  connectionsOver(sources: KubeconfigSources): ConnectionProvider;
  /** The built-in demo cluster (loaded when started); its kubeconfig is put first in `sources` while it runs. */
  readonly demo: DemoService;
  dispose(): Promise<void>;
}

export function createCoreParts(deps: CorePartsDeps): CoreParts {
  const store = new DisposableStore();
  const sources = new LayeredKubeconfigSources(deps.sources);
  let secrets: SecretStore | undefined;
  let imported: ImportedContexts | undefined;
  let connections: ConnectionProvider | undefined;
  let demo: DemoService | undefined;
  const parts: CoreParts = {
    log: deps.log,
    home: deps.home,
    sources,
    get secrets() {
      return (secrets ??= deps.secrets());
    },
    get imported() {
      // Its dispose waits for the store writes under way (store/in-flight-writes.ts).
      return (imported ??= store.add(
        new ImportedContexts({ store: new AppStore({ home: deps.home }), secrets: parts.secrets, log: deps.log }),
      ));
    },
    get connections() {
      return (connections ??= parts.connectionsOver(sources));
    },
    connectionsOver: (over) =>
      store.add(new ConnectionProvider({ sources: over, imported: parts.imported, exec: deps.exec, log: deps.log, rule: deps.rule })),
    get demo() {
      return (demo ??= store.add(new DemoService({ sources, log: deps.log })));
    },
    dispose: () => store.dispose(),
  };
  return parts;
}
