import { z } from 'zod';
import type { ProxyContract } from '../contract/proxy.ts';

const context = z.string().min(1).max(253);

export const PROXY_SCHEMAS = {
  'proxy:start': z.strictObject({
    context,
    port: z.number().int().min(0).max(65535).optional(),
    address: z.enum(['127.0.0.1', '::1']).optional(),
    token: z.boolean().optional(),
  }),
  'proxy:stop': z.strictObject({ context }),
  'proxy:list': z.undefined(),
  'proxy:open-url': z.strictObject({
    context,
    path: z
      .string()
      .max(2048)
      .regex(/^\/[^\s#]*$/)
      .optional(),
  }),
} as const satisfies Record<keyof ProxyContract, z.ZodType>;
