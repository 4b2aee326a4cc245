import { z } from 'zod';
import type { ServicesContract } from '../contract/services.ts';

const context = z.string().min(1).max(253);
// DNS-1123 labels (apimachinery/pkg/util/validation/validation.go).
const namespace = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'not a valid namespace name');
const name = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'not a valid service name');
const id = z.string().min(1).max(400);

export const SERVICES_SCHEMAS = {
  'services:watch': z.strictObject({ context, namespace: namespace.nullable().optional() }),
  'services:unwatch': z.strictObject({ watchId: id }),
  'services:detail': z.strictObject({ context, namespace, name }),
  'services:open': z.strictObject({
    context,
    namespace,
    service: z.string().min(1).max(160),
    via: z.enum(['api-proxy', 'port-forward']).optional(),
  }),
  'services:gateways': z.undefined(),
  'services:stop-gateway': z.strictObject({ id }),
  'services:recipes': z.strictObject({ context }),
} as const satisfies Record<keyof ServicesContract, z.ZodType>;
