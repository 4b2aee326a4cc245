import { z } from 'zod';
import type { DemoContract } from '../contract/demo.ts';

export const DEMO_SCHEMAS = {
  'demo:status': z.undefined(),
  'demo:start': z.undefined(),
} as const satisfies Record<keyof DemoContract, z.ZodType>;
