// The `proxy:*` channels (electron/shared/contract/proxy.ts) over the ProxyManager.
import type { ProxyContract } from '../../shared/contract/proxy.ts';
import type { AreaHandlers } from '../api/dispatch.ts';
import type { ProxyManager } from './proxy-manager.ts';

export function createProxyHandlers(manager: ProxyManager): AreaHandlers<ProxyContract> {
  return {
    'proxy:start': (req) => manager.start(req),
    'proxy:stop': (req) => manager.stop(req.context),
    'proxy:list': async () => manager.list(),
    'proxy:open-url': async (req) => ({ url: manager.openUrl(req.context, req.path) }),
  };
}
