import { describe, expect, it } from 'vitest';
import { KubeDeskError } from '../../../../electron/core/errors.ts';
import { parsePortArg, parsePortArgs } from '../../../../electron/core/forward/port-args.ts';

describe('parsePortArg (docs/port-forward.md, Arguments, client-go parsePorts)', () => {
  it('P, L:R, :R and 0:R', () => {
    expect(parsePortArg('8080')).toEqual({ raw: '8080', local: 8080, remote: 8080 });
    expect(parsePortArg('8080:80')).toEqual({ raw: '8080:80', local: 8080, remote: 80 });
    expect(parsePortArg(':80')).toEqual({ raw: ':80', local: 0, remote: 80 });
    expect(parsePortArg('0:80')).toEqual({ raw: '0:80', local: 0, remote: 80 });
  });

  it('keeps a port name for later lookup; a one-part name leaves the local port to follow it', () => {
    expect(parsePortArg('http')).toEqual({ raw: 'http', local: undefined, remote: 'http' });
    expect(parsePortArg('9000:http')).toEqual({ raw: '9000:http', local: 9000, remote: 'http' });
  });

  it.each([
    ['1:2:3', "invalid port format '1:2:3'"],
    ['8080:0', 'remote port must be > 0'],
    ['0', 'remote port must be > 0'],
    ['8080:', 'remote port cannot be empty'],
    ['', 'remote port cannot be empty'],
    ['abc:80', `error parsing local port 'abc': strconv.ParseUint: parsing "abc": invalid syntax`],
    ['70000:80', `error parsing local port '70000': strconv.ParseUint: parsing "70000": value out of range`],
    ['80:70000', `error parsing remote port '70000': strconv.ParseUint: parsing "70000": value out of range`],
    ['70000', `error parsing local port '70000': strconv.ParseUint: parsing "70000": value out of range`],
    ['80:-1', `error parsing remote port '-1': strconv.ParseUint: parsing "-1": invalid syntax`],
  ])("%j → %s (kubectl's text)", (arg, message) => {
    let caught: unknown;
    try {
      parsePortArg(arg);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(KubeDeskError);
    expect((caught as KubeDeskError).code).toBe('invalid-input');
    expect((caught as KubeDeskError).message).toBe(message);
  });

  it('parses several ports in order and needs at least one', () => {
    expect(parsePortArgs(['8080:80', '9090:90']).map((p) => [p.local, p.remote])).toEqual([
      [8080, 80],
      [9090, 90],
    ]);
    expect(() => parsePortArgs([])).toThrow('at least 1 PORT is required for port-forward');
  });
});
