import { describe, expect, it } from 'vitest';
import { decideProxyToken } from '../../../../electron/core/proxy/proxy-token-policy.ts';

const loopback = { address: '127.0.0.1', unixSocket: undefined };
const exposed = { address: '0.0.0.0', unixSocket: undefined };

describe('decideProxyToken', () => {
  it('the CLI follows kubectl on loopback: a token only when asked', () => {
    expect(decideProxyToken('cli', { ...loopback, asked: undefined })).toEqual({ required: false, disabledOnExposedAddress: false });
    expect(decideProxyToken('cli', { ...loopback, asked: true }).required).toBe(true);
    expect(decideProxyToken('cli', { ...loopback, asked: false }).required).toBe(false);
  });

  it('the CLI turns the token on for a non-loopback address; --no-token turns it off with a warning', () => {
    expect(decideProxyToken('cli', { ...exposed, asked: undefined })).toEqual({ required: true, disabledOnExposedAddress: false });
    expect(decideProxyToken('cli', { ...exposed, asked: false })).toEqual({ required: false, disabledOnExposedAddress: true });
  });

  it("the app's proxies have a token unless the user turns it off", () => {
    expect(decideProxyToken('app', { ...loopback, asked: undefined }).required).toBe(true);
    expect(decideProxyToken('app', { address: '::1', unixSocket: undefined, asked: undefined }).required).toBe(true);
    expect(decideProxyToken('app', { ...loopback, asked: false })).toEqual({ required: false, disabledOnExposedAddress: false });
  });
});
