// What each stand-in for a demo pod's container serves over HTTP (docs/demo-cluster.md, What
// is inside): the shop's web page (also behind the dashboard's TLS), a JSON API, Prometheus
// metrics, a slow chunked ticker, and a Grafana-like app that sends visitors to /login.
import { escapeHtml, readBody, send, sendBytes, type Handler } from './backend-http.ts';

/** The pod a handler plays (named in its pages, JSON and `X-Demo-Pod` headers). */
export interface ServedPod {
  namespace: string;
  pod: string;
}

export function webHandler(ctx: ServedPod, title: string): Handler {
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

export function apiHandler(ctx: ServedPod): Handler {
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

export function metricsHandler(ctx: ServedPod): Handler {
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
export function tickerHandler(ctx: ServedPod, timers: Set<NodeJS.Timeout>): Handler {
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

export function grafanaHandler(ctx: ServedPod): Handler {
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
