// The `services:*` channels (electron/shared/contract/services.ts) over the service hub (live
// discovery), the gateway manager (one-click Open) and the access recipes.
import type { ServicesContract } from '../../shared/contract/services.ts';
import type { AreaHandlers } from '../api/dispatch.ts';
import type { Connect } from '../cluster/connection-provider.ts';
import type { EventBus } from '../events.ts';
import { accessRecipes } from './access-recipes.ts';
import type { GatewayManager } from './gateway/gateway-manager.ts';
import type { ServiceHub } from './service-hub.ts';

export interface ServicesHandlersDeps {
  hub: ServiceHub;
  gateways: GatewayManager;
  connect: Connect;
  events: EventBus;
  home: string;
  /** Where a context comes from: access recipes differ for imported ones (docs/access-recipes.md). */
  originOf?: (context: string) => Promise<'kubeconfig' | 'imported' | undefined>;
}

export function createServicesHandlers(deps: ServicesHandlersDeps): AreaHandlers<ServicesContract> {
  return {
    'services:watch': async (req, signal) => {
      const snapshot = await deps.hub.watch(req, (change) => deps.events.emit('services:changed', change), signal);
      // The signal is the caller's connection (a serve-mode WebSocket, the app's IPC): when it
      // goes, so do its watches, even if the page never said `services:unwatch`.
      signal.addEventListener('abort', () => deps.hub.unwatch(snapshot.watchId), { once: true });
      return snapshot;
    },
    'services:unwatch': async (req) => deps.hub.unwatch(req.watchId),
    'services:detail': (req, signal) => deps.hub.detail(req.context, req.namespace, req.name, signal),
    'services:open': (req, signal) => deps.gateways.open(req, signal),
    'services:gateways': async () => deps.gateways.list(),
    'services:stop-gateway': (req) => deps.gateways.stop(req.id),
    'services:recipes': async (req, signal) => {
      const conn = await deps.connect(req.context, signal);
      try {
        return await accessRecipes(conn, { home: deps.home, origin: await deps.originOf?.(req.context) });
      } finally {
        conn.dispose();
      }
    },
  };
}
