// The warnings a proxy prints on stderr when it starts (docs/proxy.md, Flags: --disable-filter; docs/security.md, H1):
// it still starts, but the user is told what a web page or a neighbour could now do.
import { isLoopbackAddress } from '../security/host-header.ts';
import { normalizeListenAddress, type ProxyOptions } from './proxy-options.ts';
import { compileRegexList } from './regex-list.ts';
import { hostAccepted } from './request-filter.ts';

/** kubectl's own text (`kubectl/pkg/cmd/proxy/proxy.go`). */
export const FILTER_DISABLED_WARNING = 'Request filter disabled, your proxy is vulnerable to XSRF attacks, please be cautious';

/** Hosts a DNS-rebinding page could use; an accept-hosts list that takes any of them is too wide. */
const REBINDING_PROBES = ['evil.example', 'localhost.evil.example', '127.0.0.1.nip.io', '203.0.113.7', '[2001:db8::1]'];

export function isLoopbackListen(opts: Pick<ProxyOptions, 'address' | 'unixSocket'>): boolean {
  return opts.unixSocket !== undefined || isLoopbackAddress(normalizeListenAddress(opts.address));
}

/** Hosts outside loopback that `--accept-hosts` lets in (empty = none). */
function wideAcceptHosts(acceptHosts: string): string[] {
  const res = compileRegexList('accept-hosts', acceptHosts);
  return REBINDING_PROBES.filter((h) => hostAccepted(res, h));
}

export interface WarningInput extends Pick<ProxyOptions, 'address' | 'unixSocket' | 'disableFilter' | 'acceptHosts' | 'acceptOrigins'> {
  /** The token was turned off on a non-loopback address (`--no-token`). */
  tokenDisabled?: boolean;
}

export function proxyWarnings(opts: WarningInput): string[] {
  const out: string[] = [];
  if (opts.disableFilter && opts.unixSocket === undefined) out.push(FILTER_DISABLED_WARNING);
  if (!isLoopbackListen(opts)) {
    out.push(
      opts.tokenDisabled
        ? `Warning: --address ${opts.address} is not a loopback address and --no-token is set: anyone who can reach it can use your cluster credentials`
        : `Warning: --address ${opts.address} is not a loopback address: anyone who can reach it can try your cluster credentials; every request needs the token`,
    );
  }
  if (!opts.disableFilter) {
    const wide = wideAcceptHosts(opts.acceptHosts);
    if (wide.length > 0) {
      out.push(
        `Warning: --accept-hosts ${JSON.stringify(opts.acceptHosts)} accepts hosts such as ${wide[0]}: web pages can reach this proxy through DNS rebinding`,
      );
    }
  }
  if (opts.acceptOrigins) {
    out.push(
      `Warning: --accept-origins ${JSON.stringify(opts.acceptOrigins)}: web pages from those origins can use your cluster credentials`,
    );
  }
  return out;
}
