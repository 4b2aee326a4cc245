import { z } from 'zod';
import type { AppContract } from '../contract/app.ts';

export const APP_SCHEMAS = {
  'app:info': z.undefined(),
} as const satisfies Record<keyof AppContract, z.ZodType>;
