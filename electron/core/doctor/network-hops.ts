// DNS, TCP and proxy (docs/doctor.md): where the first socket goes. With a proxy (`proxy-url`, else
// HTTPS_PROXY as cluster/proxy-agent.ts reads it) the laptop only resolves and dials the proxy, and the
// proxy hop asks it to tunnel to the apiserver; without one, the apiserver itself.
import { lookup as dnsLookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { ProxiedHttpAgent } from '../cluster/proxy-agent.ts';
import { HopFailure, ok, skipped, type HopOutcome } from './hop-runner.ts';

export type Lookup = (host: string) => Promise<Array<{ address: string; family: number }>>;

export const systemLookup: Lookup = (host) => dnsLookup(host, { all: true });

export interface Endpoint {
  host: string;
  port: number;
}

/** The proxy the connection's requests go through (build-connection.ts exposes it on its connections). */
function proxyOf(conn: ClusterConnection): URL | undefined {
  return (conn as ClusterConnection & { proxy?: URL | undefined }).proxy;
}

/** A proxy URL for messages: no user or password (they would be secrets). */
function showProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}

function bare(host: string): string {
  return host.replace(/^\[|\]$/g, '');
}

export function serverEndpoint(conn: ClusterConnection): Endpoint {
  const s = conn.server;
  return { host: bare(s.hostname), port: Number(s.port || (s.protocol === 'https:' ? 443 : 80)) };
}

/** Where the laptop's own socket goes: the proxy when there is one, else the apiserver. */
function firstHop(conn: ClusterConnection): Endpoint & { what: string } {
  const proxy = proxyOf(conn);
  if (!proxy) return { ...serverEndpoint(conn), what: 'the apiserver' };
  const port = Number(proxy.port || (proxy.protocol === 'https:' ? 443 : proxy.protocol === 'socks5:' ? 1080 : 80));
  return { host: bare(proxy.hostname), port, what: `the proxy ${showProxy(proxy)}` };
}

export async function dnsHop(conn: ClusterConnection, lookup: Lookup): Promise<{ outcome: HopOutcome; addresses: string[] }> {
  const hop = firstHop(conn);
  if (isIP(hop.host)) return { outcome: ok(`${hop.host} is an IP literal (${hop.what})`), addresses: [hop.host] };
  let found: Array<{ address: string }>;
  try {
    found = await lookup(hop.host);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new HopFailure(
      `cannot resolve ${hop.host} (${hop.what}): ${code}`,
      'Check the host name in the server URL (or proxy-url), and whether it needs a VPN or a corporate DNS.',
    );
  }
  const addresses = [...new Set(found.map((a) => a.address))];
  if (addresses.length === 0) throw new HopFailure(`${hop.host} resolves to no address`, 'Check the DNS record of that name.');
  return { outcome: ok(`${hop.host} → ${addresses.slice(0, 4).join(', ')} (${hop.what})`), addresses };
}

/** One TCP connection, ended by `signal`. */
export function dial(host: string, port: number, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port });
    const onAbort = (): void => {
      socket.destroy();
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(socket);
    });
    socket.once('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(err);
    });
  });
}

/** The first address that accepts a connection (its outcome names it); throws when none does. */
export async function tcpHop(
  conn: ClusterConnection,
  addresses: readonly string[],
  signal: AbortSignal,
): Promise<{ outcome: HopOutcome; address: string }> {
  const hop = firstHop(conn);
  const errors: string[] = [];
  for (const address of addresses) {
    try {
      const socket = await dial(address, hop.port, signal);
      socket.destroy();
      return { outcome: ok(`connected to ${address}:${hop.port} (${hop.what})`), address };
    } catch (err) {
      if (signal.aborted) throw err;
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      errors.push(`${address}:${hop.port} ${code === 'ECONNREFUSED' ? 'refused (ECONNREFUSED)' : code}`);
    }
  }
  const refused = errors.every((e) => e.includes('ECONNREFUSED'));
  throw new HopFailure(
    `cannot connect to ${hop.what}: ${errors.join('; ')}`,
    refused
      ? `Nothing listens on port ${hop.port} there: is the port in the server URL right, and is the server running?`
      : 'The address is unreachable from here: check the network, VPN or firewall.',
  );
}

/** A raw socket to the apiserver: direct, or tunnelled through the proxy (CONNECT or SOCKS5). */
export function openToServer(conn: ClusterConnection, address: string, signal: AbortSignal): Promise<Duplex> {
  const proxy = proxyOf(conn);
  const server = serverEndpoint(conn);
  if (!proxy) return dial(address, server.port, signal);
  return new Promise((resolve, reject) => {
    const agent = new ProxiedHttpAgent(proxy);
    const onAbort = (): void => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    agent.createConnection({ host: server.host, port: server.port }, (err, stream) => {
      signal.removeEventListener('abort', onAbort);
      if (err) return reject(err);
      if (signal.aborted) stream.destroy();
      resolve(stream);
    });
  });
}

export async function proxyHop(conn: ClusterConnection, signal: AbortSignal): Promise<HopOutcome> {
  const proxy = proxyOf(conn);
  if (!proxy) return skipped('no proxy-url, and no HTTPS_PROXY applies to this server');
  const server = serverEndpoint(conn);
  try {
    const stream = await openToServer(conn, '', signal);
    stream.destroy();
  } catch (err) {
    if (signal.aborted) throw err;
    throw new HopFailure(
      `${showProxy(proxy)} could not tunnel to ${server.host}:${server.port}: ${(err as Error).message}`,
      'Check proxy-url (or HTTPS_PROXY / NO_PROXY): the proxy must allow CONNECT to the apiserver port.',
    );
  }
  return ok(`${showProxy(proxy)} tunnels to ${server.host}:${server.port}`);
}
