// Real local servers that stand in for the demo pods' containers: a small web page, a JSON API,
// Prometheus metrics, a TCP echo, a slow chunked stream, an HTTPS dashboard and a Grafana-like
// app that redirects. Each listens on 127.0.0.1:<ephemeral>; the demo maps pod IP + container
// port to it. Every socket has an `error` handler: a forward torn down mid-transfer resets the
// backend connection, and an unhandled ECONNRESET would kill the process.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { apiHandler, grafanaHandler, metricsHandler, tickerHandler, webHandler } from './backend-handlers.ts';
import type { Handler } from './backend-http.ts';

export type BackendKind = 'web' | 'api' | 'metrics' | 'echo' | 'ticker' | 'dashboard' | 'grafana';

export interface BackendContext {
  namespace: string;
  pod: string;
  /** Serving certificate for TLS backends (the dashboard). */
  tls?: { certPem: string; keyPem: string };
  /** Called with one access-log line per request or connection (the pod's log). */
  onLog?: (line: string) => void;
}

export interface RunningBackend {
  kind: BackendKind;
  port: number;
  /** Closes the listener and destroys every open connection. Idempotent. */
  close(): Promise<void>;
}

function trackSockets(server: NetServer | HttpServer, sockets: Set<Socket>): void {
  const track = (s: Socket): void => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  };
  server.on('connection', track);
}

function listen(server: NetServer | HttpServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startBackend(kind: BackendKind, ctx: BackendContext): Promise<RunningBackend> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let server: NetServer | HttpServer;
  const log = (line: string): void => ctx.onLog?.(line);
  const withLog =
    (h: Handler): Handler =>
    (req, res): void => {
      res.on('finish', () => log(`${new Date().toISOString()} ${req.method ?? 'GET'} ${req.url ?? '/'} ${res.statusCode}`));
      req.on('error', () => {});
      res.on('error', () => {});
      h(req, res);
    };
  switch (kind) {
    case 'echo': {
      server = createNetServer((socket) => {
        log(`${new Date().toISOString()} connection from ${socket.remoteAddress ?? '?'}`);
        socket.on('error', () => socket.destroy());
        socket.pipe(socket);
      });
      break;
    }
    case 'dashboard': {
      if (!ctx.tls) throw new Error('the dashboard backend needs a serving certificate');
      server = createHttpsServer({ cert: ctx.tls.certPem, key: ctx.tls.keyPem }, withLog(webHandler(ctx, 'Kubernetes Dashboard (demo)')));
      server.on('tlsClientError', () => {});
      break;
    }
    case 'web':
      server = createHttpServer(withLog(webHandler(ctx, 'KubeDesk demo shop')));
      break;
    case 'api':
      server = createHttpServer(withLog(apiHandler(ctx)));
      break;
    case 'metrics':
      server = createHttpServer(withLog(metricsHandler(ctx)));
      break;
    case 'ticker':
      server = createHttpServer(withLog(tickerHandler(ctx, timers)));
      break;
    case 'grafana':
      server = createHttpServer(withLog(grafanaHandler(ctx)));
      break;
  }
  if (kind !== 'echo') {
    const http = server as HttpServer;
    http.keepAliveTimeout = 5_000;
    http.on('clientError', (_err: Error, socket: Socket) => socket.destroy());
  }
  trackSockets(server, sockets);
  server.on('error', () => {});
  const port = await listen(server);
  let closing: Promise<void> | undefined;
  return {
    kind,
    port,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        timers.clear();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        sockets.clear();
      });
      return closing;
    },
  };
}
