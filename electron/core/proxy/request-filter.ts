// kubectl proxy's request filter (`kubectl/pkg/proxy/proxy_server.go` FilterServer; docs/proxy.md,
// step 3): reject-paths, then reject-methods, then accept only if the path matches accept-paths
// and the Host matches accept-hosts. Path = decoded path after the prefix strip, no query.
import { hostOfHostHeader } from '../security/host-header.ts';
import type { ProxyOptions } from './proxy-options.ts';
import { compileRegexList, matchesAny } from './regex-list.ts';

export interface RequestFilter {
  acceptHosts: RegExp[];
  acceptPaths: RegExp[];
  rejectPaths: RegExp[];
  rejectMethods: RegExp[];
}

export function compileRequestFilter(
  opts: Pick<ProxyOptions, 'acceptHosts' | 'acceptPaths' | 'rejectPaths' | 'rejectMethods'>,
): RequestFilter {
  return {
    acceptHosts: compileRegexList('accept-hosts', opts.acceptHosts),
    acceptPaths: compileRegexList('accept-paths', opts.acceptPaths),
    rejectPaths: compileRegexList('reject-paths', opts.rejectPaths),
    rejectMethods: compileRegexList('reject-methods', opts.rejectMethods),
  };
}

/**
 * Whether a host (from a Host header or an Origin) passes accept-hosts. An IPv6 literal is tried
 * bare and bracketed, so kubectl's own default `^\[::1\]$` accepts `Host: [::1]:8001`
 * (KubeDesk differs from kubectl, kubernetes#77496).
 */
export function hostAccepted(acceptHosts: readonly RegExp[], host: string): boolean {
  if (matchesAny(host, acceptHosts)) return true;
  if (host.startsWith('[') && host.endsWith(']')) return matchesAny(host.slice(1, -1), acceptHosts);
  if (host.includes(':')) return matchesAny(`[${host}]`, acceptHosts);
  return false;
}

/** The Host header's host as kubectl's filter sees it (Go net.SplitHostPort, whole header on failure). */
export function filterHost(hostHeader: string | undefined): string {
  return hostHeader === undefined ? '' : hostOfHostHeader(hostHeader);
}

export function filterAccepts(filter: RequestFilter, method: string, path: string, host: string): boolean {
  if (matchesAny(path, filter.rejectPaths)) return false;
  if (matchesAny(method, filter.rejectMethods)) return false;
  return matchesAny(path, filter.acceptPaths) && hostAccepted(filter.acceptHosts, host);
}
