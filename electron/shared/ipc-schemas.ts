// Runtime validation of every request at the boundary. Used by main and the serve
// bridge through core's dispatch; the renderer never imports this file. Each area's schemas live
// in schemas/<area>.ts.
import type { z } from 'zod';
import type { Channel } from './ipc-contract.ts';
import { APP_SCHEMAS } from './schemas/app.ts';
import { CONTEXTS_SCHEMAS } from './schemas/contexts.ts';
import { DEMO_SCHEMAS } from './schemas/demo.ts';
import { DOCTOR_SCHEMAS } from './schemas/doctor.ts';
import { FORWARD_SCHEMAS } from './schemas/forward.ts';
import { PROXY_SCHEMAS } from './schemas/proxy.ts';
import { SERVICES_SCHEMAS } from './schemas/services.ts';
import { TOPOLOGY_SCHEMAS } from './schemas/topology.ts';

export const REQUEST_SCHEMAS = {
  ...APP_SCHEMAS,
  ...CONTEXTS_SCHEMAS,
  ...DEMO_SCHEMAS,
  ...DOCTOR_SCHEMAS,
  ...FORWARD_SCHEMAS,
  ...PROXY_SCHEMAS,
  ...SERVICES_SCHEMAS,
  ...TOPOLOGY_SCHEMAS,
} as const satisfies Record<Channel, z.ZodType>;
