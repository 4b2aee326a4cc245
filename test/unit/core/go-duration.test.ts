import { describe, expect, it } from 'vitest';
import { parseGoDuration } from '../../../electron/core/go-duration.ts';

describe('parseGoDuration (Go time.ParseDuration)', () => {
  it.each([
    ['0', 0],
    ['-0', 0],
    ['+0', 0],
    ['500ms', 500],
    ['30s', 30_000],
    ['1m0s', 60_000],
    ['1m30s', 90_000],
    ['2h', 7_200_000],
    ['1h2m3s', 3_723_000],
    ['1.5s', 1_500],
    ['.5m', 30_000],
    ['1.s', 1_000],
    ['1500us', 1.5],
    ['1500µs', 1.5],
    ['1500μs', 1.5],
    ['2000000ns', 2],
    ['-30s', -30_000],
    ['+1m', 60_000],
    ['1s500ms', 1_500],
    ['2562047h47m16.854775807s', 9_223_372_036_854.775],
  ])('reads %s as %d ms, as Go does', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 3);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['-', 'time: invalid duration "-"'],
    ['.s', 'time: invalid duration ".s"'],
    ['s', 'time: invalid duration "s"'],
    ['1', 'time: missing unit in duration "1"'],
    ['30', 'time: missing unit in duration "30"'],
    ['1m3', 'time: missing unit in duration "1m3"'],
    ['3d', 'time: unknown unit "d" in duration "3d"'],
    ['1 s', 'time: unknown unit " s" in duration "1 s"'],
    ['1S', 'time: unknown unit "S" in duration "1S"'],
    ['2562048h', 'time: invalid duration "2562048h"'],
  ])('refuses %j with Go\'s message', (text, message) => {
    expect(() => parseGoDuration(text)).toThrow(message);
  });

  it('names the flag in pflag\'s words when given one', () => {
    expect(() => parseGoDuration('soon', 'keepalive')).toThrow(
      'invalid argument "soon" for "--keepalive" flag: time: invalid duration "soon"',
    );
    expect(() => parseGoDuration('10', 'pod-running-timeout')).toThrow(
      'invalid argument "10" for "--pod-running-timeout" flag: time: missing unit in duration "10"',
    );
  });

  it('throws a KubeDeskError with code invalid-input', () => {
    let caught: unknown;
    try {
      parseGoDuration('x');
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ name: 'KubeDeskError', code: 'invalid-input' });
  });
});
