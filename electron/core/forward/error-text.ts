// The message of an error as a user should read it. errors.ts describe() prefixes an errno
// `code`; a TunnelError's code is noise, not an errno.
import { describe } from '../errors.ts';
import { TunnelError } from './tunnel-open.ts';

export function errorText(err: unknown): string {
  if (err instanceof TunnelError) return err.message;
  return describe(err);
}
