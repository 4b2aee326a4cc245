// When a proxy requires the per-launch token (docs/security.md, H6). The CLI follows kubectl:
// no token unless asked (`--token`), except on a non-loopback address, where anyone who can reach
// it could use the user's credentials (off only with `--no-token`, and then with a warning).
// Proxies the app starts are reached by the user's browser, which every local user shares, so
// they have one unless the user turns it off.
import type { ProxyOptions } from './proxy-options.ts';
import { isLoopbackListen } from './proxy-warnings.ts';

export type ProxyOrigin = 'cli' | 'app';

export interface TokenPolicyInput extends Pick<ProxyOptions, 'address' | 'unixSocket'> {
  /** The user's explicit choice (`--token` / `--no-token`, the app's toggle); undefined = default. */
  asked: boolean | undefined;
}

export interface TokenDecision {
  required: boolean;
  /** The user turned the token off where it would be on by default: warn. */
  disabledOnExposedAddress: boolean;
}

export function decideProxyToken(origin: ProxyOrigin, input: TokenPolicyInput): TokenDecision {
  const loopback = isLoopbackListen(input);
  const byDefault = origin === 'app' || !loopback;
  return {
    required: input.asked ?? byDefault,
    disabledOnExposedAddress: input.asked === false && !loopback,
  };
}
