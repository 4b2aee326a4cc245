import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ACCEPT_HOSTS,
  DEFAULT_ACCEPT_PATHS,
  DEFAULT_REJECT_METHODS,
  DEFAULT_REJECT_PATHS,
} from '../../../../electron/core/proxy/proxy-options.ts';
import { compileRequestFilter, filterAccepts, filterHost, hostAccepted } from '../../../../electron/core/proxy/request-filter.ts';

const defaults = compileRequestFilter({
  acceptHosts: DEFAULT_ACCEPT_HOSTS,
  acceptPaths: DEFAULT_ACCEPT_PATHS,
  rejectPaths: DEFAULT_REJECT_PATHS,
  rejectMethods: DEFAULT_REJECT_METHODS,
});

describe('request-filter (docs/proxy.md, step 3, kubectl FilterServer)', () => {
  it('accepts API reads from loopback hosts with the default flags', () => {
    expect(filterAccepts(defaults, 'GET', '/api/v1/pods', 'localhost')).toBe(true);
    expect(filterAccepts(defaults, 'GET', '/api/v1/pods', '127.0.0.1')).toBe(true);
    expect(filterAccepts(defaults, 'DELETE', '/api/v1/namespaces/d/pods/p', '127.0.0.1')).toBe(true);
  });

  it('rejects exec and attach by default, whatever the method (conformance case 7)', () => {
    expect(filterAccepts(defaults, 'POST', '/api/v1/namespaces/d/pods/p/exec', 'localhost')).toBe(false);
    expect(filterAccepts(defaults, 'GET', '/api/v1/namespaces/d/pods/p/attach', 'localhost')).toBe(false);
    expect(filterAccepts(defaults, 'GET', '/api/v1/namespaces/d/pods/p/portforward', 'localhost')).toBe(true);
  });

  it('matches regexes unanchored, as Go MatchString does', () => {
    const f = compileRequestFilter({ acceptHosts: 'ocalhos', acceptPaths: 'v1', rejectPaths: '', rejectMethods: '' });
    expect(filterAccepts(f, 'GET', '/api/v1/pods', 'localhost')).toBe(true);
    expect(filterAccepts(f, 'GET', '/apis/apps/v2', 'localhost')).toBe(false);
  });

  it('checks reject-paths before reject-methods before accept lists', () => {
    const f = compileRequestFilter({ acceptHosts: '.*', acceptPaths: '^/api', rejectPaths: '^/api/secret', rejectMethods: '^POST$' });
    expect(filterAccepts(f, 'GET', '/api/secret', 'x')).toBe(false);
    expect(filterAccepts(f, 'POST', '/api/v1', 'x')).toBe(false);
    expect(filterAccepts(f, 'GET', '/apis', 'x')).toBe(true);
    expect(filterAccepts(f, 'GET', '/version', 'x')).toBe(false);
  });

  it('--reject-methods=^POST$ rejects POST only (conformance case 9)', () => {
    const f = compileRequestFilter({ acceptHosts: DEFAULT_ACCEPT_HOSTS, acceptPaths: '^.*', rejectPaths: '', rejectMethods: '^POST$' });
    expect(filterAccepts(f, 'POST', '/api/v1/namespaces', 'localhost')).toBe(false);
    expect(filterAccepts(f, 'GET', '/api/v1/namespaces', 'localhost')).toBe(true);
  });

  it('--accept-hosts=^a$,^b$ takes b and refuses c (conformance case 10)', () => {
    const f = compileRequestFilter({ acceptHosts: '^a$,^b$', acceptPaths: '^.*', rejectPaths: '', rejectMethods: '' });
    expect(filterAccepts(f, 'GET', '/api', filterHost('b:1'))).toBe(true);
    expect(filterAccepts(f, 'GET', '/api', filterHost('c:1'))).toBe(false);
  });

  it('takes the host from the Host header as net.SplitHostPort would', () => {
    expect(filterHost('127.0.0.1:8001')).toBe('127.0.0.1');
    expect(filterHost('localhost')).toBe('localhost');
    expect(filterHost(undefined)).toBe('');
  });

  it('accepts IPv6 loopback bare and bracketed, fixing kubectl quirk kubernetes#77496 (conformance case 6)', () => {
    expect(hostAccepted(defaults.acceptHosts, filterHost('[::1]:8001'))).toBe(true);
    expect(hostAccepted(defaults.acceptHosts, '::1')).toBe(true);
    expect(hostAccepted(defaults.acceptHosts, '[::1]')).toBe(true);
    expect(
      hostAccepted(
        compileRequestFilter({ acceptHosts: '^::1$', acceptPaths: '', rejectPaths: '', rejectMethods: '' }).acceptHosts,
        '[::1]',
      ),
    ).toBe(true);
  });

  it('refuses foreign, look-alike and empty hosts (conformance cases 4-5)', () => {
    for (const h of ['evil.example', 'localhost.evil.com', '127.0.0.1.nip.io', '', 'LOCALHOST.evil', '[::2]']) {
      expect(filterAccepts(defaults, 'GET', '/api', h)).toBe(false);
    }
  });

  it('with empty accept lists accepts nothing (MakeRegexpArray of "" is empty)', () => {
    const f = compileRequestFilter({ acceptHosts: '', acceptPaths: '', rejectPaths: '', rejectMethods: '' });
    expect(filterAccepts(f, 'GET', '/api', 'localhost')).toBe(false);
  });

  it('reports a bad regex naming the flag', () => {
    expect(() => compileRequestFilter({ acceptHosts: '(', acceptPaths: '', rejectPaths: '', rejectMethods: '' })).toThrow(
      /^--accept-hosts: invalid regular expression "\("/,
    );
  });
});
