import { describe, expect, it } from 'vitest';
import { forwardWarnings } from '../../../../electron/core/forward/forward-warnings.ts';
import { parseListenAddresses } from '../../../../electron/core/forward/listen-addresses.ts';

describe('forwardWarnings (docs/security.md, H1)', () => {
  it('warns once per non-loopback address; loopback addresses say nothing', () => {
    expect(forwardWarnings(parseListenAddresses(['localhost']))).toEqual([]);
    expect(forwardWarnings(parseListenAddresses(['127.0.0.1,::1']))).toEqual([]);
    expect(forwardWarnings(parseListenAddresses(['0.0.0.0', '127.0.0.1', '::']))).toEqual([
      'Warning: --address 0.0.0.0 is not a loopback address: anyone who can reach it can connect to the pod through your cluster credentials',
      'Warning: --address :: is not a loopback address: anyone who can reach it can connect to the pod through your cluster credentials',
    ]);
  });
});
