// The `topology:*` channels (electron/shared/contract/topology.ts).
import type { TopologyContract } from '../../shared/contract/topology.ts';
import type { AreaHandlers } from '../api/dispatch.ts';
import { currentTopology, type TopologySources } from './topology-service.ts';

export function createTopologyHandlers(sources: TopologySources): AreaHandlers<TopologyContract> {
  return {
    'topology:get': (req, signal) => currentTopology(sources, req.context, req.namespace === undefined ? undefined : req.namespace, signal),
  };
}
