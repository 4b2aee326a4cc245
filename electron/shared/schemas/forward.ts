import { z } from 'zod';
import type { ForwardContract } from '../contract/forward.ts';

// Shapes only; kubectl's own checks of targets, ports and addresses (with its error texts) run
// in core (electron/core/forward/forward-spec.ts).
const name = z.string().min(1).max(253);

const forwardSpecInputSchema = z.strictObject({
  context: name,
  namespace: z.string().max(63).optional(),
  target: z.string().min(1).max(260),
  ports: z.array(z.string().min(1).max(40)).min(1).max(64),
  addresses: z.array(z.string().min(1).max(64)).min(1).max(16).optional(),
  spread: z.boolean().optional(),
  autostart: z.boolean().optional(),
});

/** A saved forward (the store's file is checked with this too). */
export const forwardSpecSchema = z.strictObject({
  context: name,
  namespace: z.string().max(63),
  target: z.string().min(1).max(260),
  ports: z.array(z.string().min(1).max(40)).min(1).max(64),
  addresses: z.array(z.string().min(1).max(64)).min(1).max(16),
  spread: z.boolean(),
  autostart: z.boolean(),
});

const id = z.string().min(1).max(64);

export const FORWARD_SCHEMAS = {
  'forward:list': z.undefined(),
  'forward:add': z.strictObject({ spec: forwardSpecInputSchema, start: z.boolean().optional() }),
  'forward:update': z.strictObject({ id, spec: forwardSpecInputSchema }),
  'forward:start': z.strictObject({ id }),
  'forward:stop': z.strictObject({ id }),
  'forward:remove': z.strictObject({ id }),
  'forward:start-all': z.strictObject({ context: name.optional() }),
  'forward:stop-all': z.strictObject({ context: name.optional() }),
} as const satisfies Record<keyof ForwardContract, z.ZodType>;
