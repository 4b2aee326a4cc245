import { describe, expect, it } from 'vitest';
import { joinHostPort, parseListenAddresses } from '../../../../electron/core/forward/listen-addresses.ts';

describe('parseListenAddresses (docs/port-forward.md, Arguments, client-go parseAddresses)', () => {
  it('localhost is 127.0.0.1 and ::1, either may fail', () => {
    expect(parseListenAddresses(['localhost'])).toEqual([
      { address: '127.0.0.1', family: 4, failureMode: 'all' },
      { address: '::1', family: 6, failureMode: 'all' },
    ]);
  });

  it('an IP must bind; the list is de-duplicated and sorted as strings', () => {
    expect(parseListenAddresses(['::1,127.0.0.1', '127.0.0.1']).map((a) => [a.address, a.failureMode])).toEqual([
      ['127.0.0.1', 'any'],
      ['::1', 'any'],
    ]);
    expect(parseListenAddresses(['localhost', '10.0.0.1']).map((a) => a.address)).toEqual(['10.0.0.1', '127.0.0.1', '::1']);
  });

  it("rejects a host name with kubectl's text", () => {
    expect(() => parseListenAddresses(['example.com'])).toThrow('example.com is not a valid IP');
  });

  it('accepts a bracketed IPv6 literal as printed in the Forwarding line', () => {
    expect(parseListenAddresses(['[::1]'])).toEqual([{ address: '::1', family: 6, failureMode: 'any' }]);
  });

  it('joins host and port as Go does', () => {
    expect(joinHostPort('127.0.0.1', 8080)).toBe('127.0.0.1:8080');
    expect(joinHostPort('::1', 8080)).toBe('[::1]:8080');
  });
});
