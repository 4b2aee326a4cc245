// The message of an error as a user should read it. errors.ts describe() prefixes a `code`
// property, which for a KubeDeskError ('port-in-use') or TunnelError is noise, not an errno.
import { describe, KubeDeskError } from '../errors.ts';
import { TunnelError } from './tunnel-open.ts';

export function errorText(err: unknown): string {
  if (err instanceof KubeDeskError || err instanceof TunnelError) return err.message;
  return describe(err);
}
