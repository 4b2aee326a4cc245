// The `forward:*` channels (contract/forward.ts) over a ForwardManager.
import type { ForwardContract } from '../../shared/ipc-contract.ts';
import type { AreaHandlers } from '../api/dispatch.ts';
import type { ForwardManager } from './forward-manager.ts';

export interface ForwardHandlerDeps {
  manager: ForwardManager;
}

export function createForwardHandlers({ manager }: ForwardHandlerDeps): AreaHandlers<ForwardContract> {
  return {
    'forward:list': async () => manager.list(),
    'forward:add': (req) => manager.add(req.spec, { start: req.start ?? true }),
    'forward:update': (req) => manager.update(req.id, req.spec),
    'forward:start': (req) => manager.start(req.id),
    'forward:stop': (req) => manager.stop(req.id),
    'forward:remove': (req) => manager.remove(req.id),
    'forward:start-all': (req) => manager.startAll(req.context),
    'forward:stop-all': (req) => manager.stopAll(req.context),
  };
}
