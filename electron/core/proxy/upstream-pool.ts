// The API proxy's client for ordinary (not upgrade) requests to the apiserver: undici's Pool, one
// per cluster agent, over sockets made with that agent's TLS settings (CA, client certificate,
// SNI, verification) or through its `proxy-url` tunnel (proxy-agent.ts). Measured against Node's
// https client on the same keep-alive agent, it spends about a third less CPU per proxied request
// (docs/proxy.md, Performance). Upgrades stay on the agent (relay-upgrade.ts): they need the raw
// socket handed over.
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
// undici's two modules, not its index, which loads all of undici (undici-deep.d.ts).
import type { buildConnector, Pool } from 'undici';
import PoolClass from 'undici/lib/dispatcher/pool.js';
import buildConnectorFn from 'undici/lib/core/connect.js';
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { ProxiedHttpAgent, ProxiedHttpsAgent } from '../cluster/proxy-agent.ts';
import type { Disposable } from '../lifecycle.ts';
import { markReads } from './read-buffers.ts';
import { connectTimeoutError } from './upstream-target.ts';

/**
 * How long an idle connection to the apiserver is kept: client-go's transport keeps them 90 s
 * (`IdleConnTimeout`, client-go/transport/cache.go); a little less here so the pool, not the
 * apiserver, closes first. A `Keep-Alive: timeout=` hint from the server still wins.
 */
const IDLE_MS = 60_000;
/** Connections per apiserver, as the agent's `maxSockets`. */
const CONNECTIONS = 256;

type Connector = buildConnector.connector;

/** Sockets through the agent's proxy tunnel, ready once connected (and TLS done), bounded in time. */
function tunnelConnector(agent: ProxiedHttpsAgent | ProxiedHttpAgent, server: URL, timeoutMs: number): Connector {
  return (opts, callback) => {
    let settled = false;
    const done = (err: Error | null, socket?: Socket | TLSSocket): void => {
      if (settled) return void socket?.destroy();
      settled = true;
      clearTimeout(timer);
      if (err) callback(err, null);
      else {
        markReads(socket!);
        callback(null, socket!);
      }
    };
    const timer = setTimeout(() => done(connectTimeoutError(server)), timeoutMs);
    timer.unref();
    const https = agent instanceof ProxiedHttpsAgent;
    const options = { ...(https ? agent.options : {}), host: opts.hostname, port: Number(opts.port) };
    agent.createConnection(options, (err: Error | null, stream: Duplex) => {
      if (err) return done(err);
      const socket = stream as TLSSocket;
      if (!https) return done(null, socket);
      socket.once('secureConnect', () => done(null, socket));
      socket.once('error', (e) => done(e));
    });
  };
}

function connectorFor(agent: HttpsAgent | HttpAgent, server: URL, timeoutMs: number): Connector {
  if (agent instanceof ProxiedHttpsAgent || agent instanceof ProxiedHttpAgent) return tunnelConnector(agent, server, timeoutMs);
  const tls = server.protocol === 'https:' ? (agent as HttpsAgent).options : {};
  const connect = buildConnectorFn({
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    servername: tls.servername,
    rejectUnauthorized: tls.rejectUnauthorized,
    timeout: timeoutMs,
    // HTTP/1.1, as the agent speaks it: the connection pool, not h2 streams, spreads the load.
    allowH2: false,
  });
  return (opts, callback) =>
    connect(opts, (err, socket) => {
      if (err && (err as NodeJS.ErrnoException).code === 'UND_ERR_CONNECT_TIMEOUT') callback(connectTimeoutError(server), null);
      else if (err) callback(err, null);
      else {
        markReads(socket!);
        callback(null, socket!);
      }
    });
}

/** The proxy's pools, one per agent its connection has had (an exec plugin's client certificate replaces the agent). */
export class UpstreamPools implements Disposable {
  #current: { agent: HttpsAgent | HttpAgent; pool: Pool } | undefined;
  #retired: Pool[] = [];
  readonly #connectTimeoutMs: number;

  constructor(connectTimeoutMs: number) {
    this.#connectTimeoutMs = connectTimeoutMs;
  }

  /** The pool for the connection's current agent (read after `authHeaders()`, as the agent is). */
  poolFor(conn: ClusterConnection): Pool {
    const agent = conn.agent;
    if (this.#current?.agent === agent) return this.#current.pool;
    if (this.#current) {
      // Requests in flight finish on the old pool; it closes once they have.
      const old = this.#current.pool;
      this.#retired.push(old);
      void old.close().finally(() => (this.#retired = this.#retired.filter((p) => p !== old)));
    }
    const pool = new PoolClass(conn.server.origin, {
      connections: CONNECTIONS,
      pipelining: 1,
      keepAliveTimeout: IDLE_MS,
      keepAliveMaxTimeout: IDLE_MS,
      // Bodies and answers may last for ever (watches, follow logs, uploads), as with the agent.
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: connectorFor(agent, conn.server, this.#connectTimeoutMs),
    });
    this.#current = { agent, pool };
    return pool;
  }

  async dispose(): Promise<void> {
    const pools = [...this.#retired, ...(this.#current ? [this.#current.pool] : [])];
    this.#current = undefined;
    this.#retired = [];
    await Promise.all(pools.map((p) => p.destroy().catch(() => {})));
  }
}
