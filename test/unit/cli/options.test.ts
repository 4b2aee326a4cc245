import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../electron/cli/command.ts';
import { durationOption, portOption, wholeNumberOption } from '../../../electron/cli/options.ts';

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('no error thrown');
}

describe('CLI number options', () => {
  it('takes the fallback when the flag is absent', () => {
    expect(portOption(undefined, 'port', 8001)).toBe(8001);
    expect(wholeNumberOption(undefined, 'services', 7, 100)).toBe(7);
    expect(durationOption(undefined, 'keepalive', 0)).toBe(0);
  });

  it('reads ports 0 to 65535', () => {
    expect(portOption('0', 'port', 1)).toBe(0);
    expect(portOption('8080', 'port', 1)).toBe(8080);
    expect(portOption('65535', 'port', 1)).toBe(65535);
  });

  it.each(['65536', '-1', '80.5', '0x50', '', ' 80', 'http'])('refuses the port %j as a usage error naming the flag', (v) => {
    expect(usageError(() => portOption(v, 'port', 0))).toBe(`--port: '${v}' is not a port number (0-65535)`);
  });

  it('reads whole numbers up to the maximum and refuses others naming the flag', () => {
    expect(wholeNumberOption('250', 'latency', 0, 60_000)).toBe(250);
    expect(wholeNumberOption('60000', 'latency', 0, 60_000)).toBe(60_000);
    expect(usageError(() => wholeNumberOption('60001', 'latency', 0, 60_000))).toBe(
      "--latency: '60001' is not a whole number between 0 and 60000",
    );
    expect(usageError(() => wholeNumberOption('1.5', 'services', 0, 10))).toBe("--services: '1.5' is not a whole number between 0 and 10");
  });

  it('reads Go durations in milliseconds and refuses others as usage errors in pflag\'s words', () => {
    expect(durationOption('1m30s', 'keepalive', 0)).toBe(90_000);
    expect(durationOption('250ms', 'pod-running-timeout', 60_000)).toBe(250);
    expect(usageError(() => durationOption('5', 'keepalive', 0))).toBe(
      'invalid argument "5" for "--keepalive" flag: time: missing unit in duration "5"',
    );
  });
});
