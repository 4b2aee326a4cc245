// Number-valued flags, parsed one way for every command: a bad value is a usage error (exit 2)
// that names the flag (docs/cli.md, exit codes).
import { KubeDeskError } from '../core/errors.ts';
import { parseGoDuration } from '../core/go-duration.ts';
import { UsageError } from './command.ts';

/** `--port`-style flags: digits only, 0-65535 (0 = the OS picks); absent: `fallback`. */
export function portOption(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--${flag}: '${value}' is not a port number (0-65535)`);
  return Number(value);
}

/** A whole number between 0 and `max` (`--services`, `--latency`); absent: `fallback`. */
export function wholeNumberOption(value: string | undefined, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new UsageError(`--${flag}: '${value}' is not a whole number between 0 and ${max}`);
  }
  return Number(value);
}

/** A Go duration (`30s`, `1m0s`, `1h2m`) in milliseconds; absent: `fallback`. pflag's words on error. */
export function durationOption(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  try {
    return parseGoDuration(value, flag);
  } catch (err) {
    if (err instanceof KubeDeskError) throw new UsageError(err.message);
    throw err;
  }
}
