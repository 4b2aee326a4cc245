// The ForwardManager as core composes it: forwards saved in KUBEDESK_HOME/forwards.json,
// connections from core's ConnectionProvider, state pushed on the event bus, autostart on launch.
import { join } from 'node:path';
import type { Connect } from '../cluster/connection-provider.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../log.ts';
import { ForwardManager } from './forward-manager.ts';
import type { ForwardStore } from './forward-store.ts';
import { FORWARDS_FILE, JsonFileForwardStore } from './json-file-forward-store.ts';

export interface ForwardServiceDeps {
  log: Logger;
  events: EventBus;
  /** KUBEDESK_HOME (store/kubedesk-home.ts): forwards.json lives there. */
  home: string;
  /** The ConnectionProvider's `connect` (cluster/connection-provider.ts). */
  connect: Connect;
  store?: ForwardStore;
}

export function createForwardService(deps: ForwardServiceDeps): ForwardManager {
  const manager = new ForwardManager({
    connect: deps.connect,
    store: deps.store ?? new JsonFileForwardStore(join(deps.home, FORWARDS_FILE)),
    log: deps.log,
    onChange: (info) => deps.events.emit('forward:state-changed', info),
    onRemove: (id) => deps.events.emit('forward:removed', { id }),
  });
  void manager.restore();
  return manager;
}
