import { z } from 'zod';
import type { ContextsContract } from '../contract/contexts.ts';

/** Kubeconfig names: non-empty, no control characters, kubectl-sized. */
const name = z
  .string()
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters')
  .refine((s) => ![...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f), 'must not contain control characters');
/** parse-kubeconfig.ts refuses anything larger anyway. */
const yaml = z
  .string()
  .min(1, 'must not be empty')
  .max(4 * 1024 * 1024, 'must be at most 4 MiB');
const pem = z.string().max(256 * 1024, 'must be at most 256 KiB');

const auth = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('token'),
    token: z
      .string()
      .min(1, 'must not be empty')
      .max(64 * 1024),
  }),
  z.object({ kind: z.literal('basic'), username: z.string().min(1, 'must not be empty').max(1024), password: z.string().max(64 * 1024) }),
  z.object({ kind: z.literal('client-cert'), certificate: pem.min(1, 'must not be empty'), key: pem.min(1, 'must not be empty') }),
  z.object({ kind: z.literal('none') }),
]);

export const CONTEXTS_SCHEMAS = {
  'contexts:list': z.undefined(),
  'contexts:detail': z.object({ name }),
  'contexts:preview': z.object({ yaml }),
  'contexts:import': z.object({ yaml, names: z.array(name).max(1000).optional() }),
  'contexts:add': z.object({
    name,
    server: z.string().min(1, 'must not be empty').max(2048),
    certificateAuthority: pem.optional(),
    insecureSkipTlsVerify: z.boolean().optional(),
    tlsServerName: z.string().max(253).optional(),
    namespace: z.string().max(63).optional(),
    auth,
  }),
  'contexts:remove': z.object({ name }),
  'contexts:rename': z.object({ from: name, to: name }),
  'contexts:use': z.object({ name }),
  'contexts:health': z.object({ name }),
  'contexts:exec-answer': z.object({
    id: z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
    text: z.string().max(64 * 1024, 'must be at most 64 KiB'),
  }),
  'contexts:plaintext-report': z.undefined(),
  'contexts:migrate': z.strictObject({
    file: z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters'),
    mode: z.enum(['plan', 'write', 'undo']),
  }),
  'contexts:export-kubeconfig': z.strictObject({
    contexts: z.array(name).min(1, 'must name a context').max(1000),
    file: z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters').optional(),
  }),
} as const satisfies Record<keyof ContextsContract, z.ZodType>;
