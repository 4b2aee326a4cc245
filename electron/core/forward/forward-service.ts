// The ForwardManager as core composes it: forwards saved in KUBEDESK_HOME/forwards.json,
// connections from core's ConnectionProvider (or the kubeconfig files alone), state pushed on
// the event bus, autostart on launch.
import { join } from 'node:path';
import type { EventBus } from '../events.ts';
import type { KubeconfigSources } from '../kubeconfig/kubeconfig-sources.ts';
import type { Logger } from '../log.ts';
import { kubeconfigConnect } from '../cluster/kubeconfig-connect.ts';
import { ForwardManager, type Connect } from './forward-manager.ts';
import type { ForwardStore } from './forward-store.ts';
import { FORWARDS_FILE, JsonFileForwardStore } from './json-file-forward-store.ts';

export interface ForwardServiceDeps {
  sources: KubeconfigSources;
  log: Logger;
  events: EventBus;
  /** KUBEDESK_HOME (store/kubedesk-home.ts): forwards.json lives there. */
  home: string;
  connect?: Connect;
  store?: ForwardStore;
}

export function createForwardService(deps: ForwardServiceDeps): ForwardManager {
  const manager = new ForwardManager({
    connect: deps.connect ?? kubeconfigConnect(deps.sources),
    store: deps.store ?? new JsonFileForwardStore(join(deps.home, FORWARDS_FILE)),
    log: deps.log,
    onChange: (info) => deps.events.emit('forward:state-changed', info),
    onRemove: (id) => deps.events.emit('forward:removed', { id }),
  });
  void manager.restore();
  return manager;
}
