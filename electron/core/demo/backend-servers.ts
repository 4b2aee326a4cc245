// Real local servers that stand in for the demo pods' containers: a small web page, a JSON API,
// Prometheus metrics, a TCP echo, a slow chunked stream, an HTTPS dashboard and a Grafana-like
// app that redirects. Each listens on 127.0.0.1:<ephemeral>; the demo maps pod IP + container
// port to it. Every socket has an `error` handler: a forward torn down mid-transfer resets the
// backend connection, and an unhandled ECONNRESET would kill the process.
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';

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

const MAX_BYTES = 64 * 1024 * 1024;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: ServerResponse, code: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(code, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** `GET /bytes?n=N`: N bytes of a repeating, checkable pattern (byte i = i mod 251). */
function sendBytes(res: ServerResponse, url: URL): void {
  const n = Math.min(Math.max(0, Number(url.searchParams.get('n') ?? '1024') || 0), MAX_BYTES);
  const buf = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) buf[i] = i % 251;
  send(res, 200, 'application/octet-stream', buf);
}

function webHandler(ctx: BackendContext, title: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://backend');
    const common = { 'X-Demo-Pod': ctx.pod };
    if (url.pathname === '/healthz') return send(res, 200, 'text/plain; charset=utf-8', 'ok\n', common);
    if (url.pathname === '/bytes') return sendBytes(res, url);
    if (url.pathname === '/headers') {
      const body = JSON.stringify({ pod: ctx.pod, method: req.method, url: req.url, headers: req.headers });
      return send(res, 200, 'application/json', body, common);
    }
    if (url.pathname === '/redirect') return send(res, 302, 'text/plain; charset=utf-8', 'moved\n', { ...common, Location: '/moved' });
    if (url.pathname === '/static/style.css') {
      return send(
        res,
        200,
        'text/css; charset=utf-8',
        'body{font-family:system-ui,sans-serif;margin:2rem;color:#1b2a3a}code{background:#eef}\n',
        common,
      );
    }
    if (url.pathname === '/' || url.pathname === '/index.html' || url.pathname === '/moved') {
      const html = [
        '<!doctype html>',
        '<html><head><meta charset="utf-8">',
        `<title>${escapeHtml(title)}</title>`,
        '<link rel="stylesheet" href="/static/style.css">',
        '</head><body>',
        `<h1>${escapeHtml(title)}</h1>`,
        `<p>Served by pod <code id="pod">${escapeHtml(ctx.pod)}</code> in namespace <code>${escapeHtml(ctx.namespace)}</code>.</p>`,
        '<ul><li><a href="/headers">request headers</a></li><li><a href="healthz">health (relative link)</a></li><li><a href="/bytes?n=1048576">1 MiB download</a></li></ul>',
        '</body></html>',
        '',
      ].join('\n');
      return send(res, 200, 'text/html; charset=utf-8', html, common);
    }
    send(res, 404, 'text/plain; charset=utf-8', '404 page not found\n', common);
  };
}

const PRODUCTS = [
  { id: 1, name: 'Kubernetes mug', price: 12.5 },
  { id: 2, name: 'Helm sticker pack', price: 4 },
  { id: 3, name: 'Pod plushie', price: 19.99 },
];

function apiHandler(ctx: BackendContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://backend');
    const json = (code: number, body: unknown): void =>
      send(res, code, 'application/json', JSON.stringify(body), { 'X-Demo-Pod': ctx.pod });
    if (url.pathname === '/healthz') return json(200, { status: 'ok' });
    if (url.pathname === '/' && req.method === 'GET')
      return json(200, { service: 'api', pod: ctx.pod, endpoints: ['/products', '/products/{id}', '/echo', '/healthz'] });
    if (url.pathname === '/products' && req.method === 'GET') return json(200, { items: PRODUCTS, pod: ctx.pod });
    const m = /^\/products\/(\d+)$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      const p = PRODUCTS.find((x) => x.id === Number(m[1]));
      return p ? json(200, p) : json(404, { error: 'not found' });
    }
    if (url.pathname === '/echo' && req.method === 'POST') {
      readBody(req, 1024 * 1024).then(
        (body) => {
          let parsed: unknown;
          try {
            parsed = body.length ? JSON.parse(body.toString('utf8')) : null;
          } catch {
            return json(400, { error: 'invalid JSON' });
          }
          json(200, { pod: ctx.pod, received: parsed });
        },
        () => json(413, { error: 'too large' }),
      );
      return;
    }
    json(404, { error: 'not found', path: url.pathname });
  };
}

function metricsHandler(ctx: BackendContext): (req: IncomingMessage, res: ServerResponse) => void {
  let scrapes = 0;
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://backend');
    if (url.pathname !== '/metrics') return send(res, 404, 'text/plain; charset=utf-8', '404 page not found\n');
    scrapes += 1;
    const body = [
      '# HELP demo_scrapes_total Scrapes of this endpoint.',
      '# TYPE demo_scrapes_total counter',
      `demo_scrapes_total{pod="${ctx.pod}",namespace="${ctx.namespace}"} ${scrapes}`,
      '# HELP demo_up Whether the demo pod is up.',
      '# TYPE demo_up gauge',
      `demo_up{pod="${ctx.pod}"} 1`,
      '',
    ].join('\n');
    send(res, 200, 'text/plain; version=0.0.4; charset=utf-8', body);
  };
}

/** `GET /?count=N&interval=MS`: `tick i <time>` lines, one chunk each, flushed as written. */
function tickerHandler(ctx: BackendContext, timers: Set<NodeJS.Timeout>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://backend');
    if (url.pathname === '/bytes') return sendBytes(res, url);
    if (url.pathname === '/healthz') return send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
    if (url.pathname !== '/') return send(res, 404, 'text/plain; charset=utf-8', '404 page not found\n');
    const count = Number(url.searchParams.get('count') ?? '0') || 0;
    const interval = Math.max(10, Number(url.searchParams.get('interval') ?? '500') || 500);
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'X-Demo-Pod': ctx.pod });
    res.flushHeaders();
    let i = 0;
    const tick = (): void => {
      i += 1;
      res.write(`tick ${i} ${new Date().toISOString()}\n`);
      if (count > 0 && i >= count) {
        stop();
        res.end();
      }
    };
    const timer = setInterval(tick, interval);
    timers.add(timer);
    const stop = (): void => {
      clearInterval(timer);
      timers.delete(timer);
    };
    res.on('close', stop);
    tick();
  };
}

function grafanaHandler(ctx: BackendContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://backend');
    // Grafana sends anonymous visitors to /login with an absolute-path Location, which the
    // apiserver proxy rewrites (docs/service-proxy.md, Behaviour).
    if (url.pathname === '/') return send(res, 302, 'text/html; charset=utf-8', '<a href="/login">Found</a>.\n', { Location: '/login' });
    if (url.pathname === '/login') {
      return send(
        res,
        200,
        'text/html; charset=utf-8',
        `<!doctype html><html><head><title>Grafana (demo)</title><script src="/public/build/app.js"></script></head><body><h1>Grafana</h1><p>pod ${escapeHtml(ctx.pod)}</p><form action="/login" method="post"></form><a href="/dashboards">Dashboards</a></body></html>\n`,
      );
    }
    if (url.pathname === '/api/health') return send(res, 200, 'application/json', JSON.stringify({ database: 'ok', version: '10.4.2' }));
    send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
  };
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
    (h: (req: IncomingMessage, res: ServerResponse) => void) =>
    (req: IncomingMessage, res: ServerResponse): void => {
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
