import { z } from 'zod';
import type { DoctorContract } from '../contract/doctor.ts';

export const DOCTOR_SCHEMAS = {
  'doctor:run': z.strictObject({
    context: z.string().min(1).max(253),
    // NS/NAME[:PORT] or NS/https:NAME:PORT; parsed and checked in core (services/proxy-url.ts).
    service: z.string().min(3).max(400).nullable().optional(),
    runId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a run id')
      .optional(),
  }),
} as const satisfies Record<keyof DoctorContract, z.ZodType>;
