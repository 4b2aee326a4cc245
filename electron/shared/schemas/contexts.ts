import { z } from 'zod';
import type { ContextsContract } from '../contract/contexts.ts';

export const CONTEXTS_SCHEMAS = {
  'contexts:list': z.undefined(),
} as const satisfies Record<keyof ContextsContract, z.ZodType>;
