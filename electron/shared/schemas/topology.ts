import { z } from 'zod';
import type { TopologyContract } from '../contract/topology.ts';

export const TOPOLOGY_SCHEMAS = {
  'topology:get': z.strictObject({
    context: z.string().min(1).max(253),
    namespace: z
      .string()
      .max(63)
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'not a valid namespace name')
      .nullable()
      .optional(),
  }),
} as const satisfies Record<keyof TopologyContract, z.ZodType>;
