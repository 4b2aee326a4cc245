// The apiserver proxy subresources (docs/service-proxy.md): `services/[scheme:]NAME[:PORT]/proxy/PATH`,
// `pods/[scheme:]NAME[:PORT]/proxy/PATH` and `nodes/NAME[:PORT]/proxy/PATH`, resolved to a fake IP
// as kube-apiserver's ResourceLocation does (proxy-location.ts), then proxied to the real local
// backend behind it, with X-Forwarded-*, CORS headers stripped, link rewriting, and the
// apiserver's Status errors (apimachinery's pkg/util/proxy/upgradeaware.go).
import { request as httpRequest, type IncomingMessage, type ServerResponse, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Duplex } from 'node:stream';
import { ApiError, sendStatus, serviceUnavailable, writeRawStatus } from './api-status.ts';
import type { BackendRegistry, BackendTarget } from './backends.ts';
import { rewriteHtml, rewriteUrl } from './html-rewrite.ts';
import type { ObjectStore } from './object-store.ts';
import { dialError } from './proxy-dial-error.ts';
import { resolveProxyLocation, type ProxyLocation, type ProxyTarget } from './proxy-location.ts';
import { HOP_BY_HOP } from '../http/hop-by-hop.ts';

export class ServiceProxy {
  #store: ObjectStore;
  #backends: BackendRegistry;
  #sockets = new Set<Duplex>();

  constructor(store: ObjectStore, backends: BackendRegistry) {
    this.#store = store;
    this.#backends = backends;
  }

  #backend(loc: ProxyLocation): BackendTarget | undefined {
    return typeof loc.port === 'number' ? this.#backends.resolve(loc.ip, loc.port) : undefined;
  }

  async handle(req: IncomingMessage, res: ServerResponse, t: ProxyTarget): Promise<void> {
    const loc = resolveProxyLocation(this.#store, t);
    const method = req.method ?? 'GET';
    if (t.rest === '' && (method === 'GET' || method === 'HEAD')) {
      res.writeHead(301, { Location: `${t.prefix}/${t.query ? `?${t.query}` : ''}`, 'Content-Length': 0 });
      res.end();
      return;
    }
    const backend = this.#backend(loc);
    if (!backend) throw serviceUnavailable(`error trying to reach service: ${dialError(loc.ip, loc.port)}`);
    const hostHeader = `${loc.ip}:${loc.port}`;
    const headers: OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || HOP_BY_HOP.has(k) || k === 'host' || k === 'authorization' || k.startsWith('impersonate-')) continue;
      headers[k] = v;
    }
    headers['host'] = hostHeader;
    const prior = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = prior ? `${String(prior)}, ${req.socket.remoteAddress ?? ''}` : (req.socket.remoteAddress ?? '');
    headers['x-forwarded-host'] = req.headers.host ?? '';
    headers['x-forwarded-proto'] = 'https';
    headers['x-forwarded-uri'] = t.prefix + t.rest + (t.query ? `?${t.query}` : '');
    const path = (t.rest === '' ? '/' : t.rest) + (t.query ? `?${t.query}` : '');
    // A fresh connection per request (agent: false): nothing pooled outlives a restarted pod.
    const opts = { host: backend.host, port: backend.port, method, path, headers, setHost: false, agent: false as const };
    await new Promise<void>((resolve) => {
      const upstream =
        loc.scheme === 'https' ? httpsRequest({ ...opts, rejectUnauthorized: false, servername: undefined }) : httpRequest(opts);
      const fail = (err: NodeJS.ErrnoException): void => {
        if (!res.headersSent) sendStatus(res, serviceUnavailable(`error trying to reach service: ${dialError(loc.ip, loc.port, err)}`));
        else res.destroy();
        resolve();
      };
      upstream.on('error', fail);
      upstream.on('response', (up) => {
        up.on('error', () => res.destroy());
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(up.headers)) {
          if (v === undefined || HOP_BY_HOP.has(k) || k.startsWith('access-control-')) continue;
          out[k] = v;
        }
        const code = up.statusCode ?? 502;
        if (typeof out['location'] === 'string' && code >= 300 && code < 400)
          out['location'] = rewriteUrl(out['location'], t.prefix, hostHeader, req.headers.host);
        const type = String(up.headers['content-type'] ?? '');
        const encoding = String(up.headers['content-encoding'] ?? 'identity');
        if (type.startsWith('text/html') && (encoding === 'identity' || encoding === '') && method !== 'HEAD') {
          const chunks: Buffer[] = [];
          up.on('data', (c: Buffer) => chunks.push(c));
          up.on('end', () => {
            const body = Buffer.from(rewriteHtml(Buffer.concat(chunks).toString('utf8'), t.prefix, hostHeader, req.headers.host), 'utf8');
            delete out['content-length'];
            res.writeHead(code, { ...out, 'content-length': String(body.length) });
            res.end(body);
            resolve();
          });
          return;
        }
        res.writeHead(code, out);
        // Flush headers at once: a streaming backend (watch-like, chunked) must reach the client now.
        res.flushHeaders();
        up.pipe(res);
        up.on('end', () => resolve());
        res.on('close', () => {
          up.destroy();
          resolve();
        });
      });
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
    });
  }

  /** Upgrade requests (WebSocket to a backend): raw splice after writing the request head. */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, t: ProxyTarget): Promise<void> {
    let loc: ProxyLocation;
    try {
      loc = resolveProxyLocation(this.#store, t);
    } catch (err) {
      if (err instanceof ApiError) return writeRawStatus(socket, err);
      throw err;
    }
    const backend = this.#backend(loc);
    if (!backend) return writeRawStatus(socket, serviceUnavailable(`error dialing backend: ${dialError(loc.ip, loc.port)}`));
    const up: Socket =
      loc.scheme === 'https'
        ? tlsConnect({ host: backend.host, port: backend.port, rejectUnauthorized: false })
        : netConnect(backend.port, backend.host);
    this.#sockets.add(up);
    this.#sockets.add(socket);
    const cleanup = (): void => {
      up.destroy();
      socket.destroy();
      this.#sockets.delete(up);
      this.#sockets.delete(socket);
    };
    up.on('error', (err: NodeJS.ErrnoException) => {
      if (!up.readyState || up.readyState === 'opening')
        writeRawStatus(socket, serviceUnavailable(`error dialing backend: ${dialError(loc.ip, loc.port, err)}`));
      cleanup();
    });
    socket.on('error', cleanup);
    socket.on('close', cleanup);
    up.on('close', cleanup);
    up.once(loc.scheme === 'https' ? 'secureConnect' : 'connect', () => {
      const lines = [`${req.method ?? 'GET'} ${(t.rest === '' ? '/' : t.rest) + (t.query ? `?${t.query}` : '')} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const k = req.rawHeaders[i]!;
        const lk = k.toLowerCase();
        if (lk === 'host' || lk === 'authorization' || lk.startsWith('impersonate-')) continue;
        lines.push(`${k}: ${req.rawHeaders[i + 1]!}`);
      }
      lines.push(`Host: ${loc.ip}:${loc.port}`, `X-Forwarded-For: ${req.socket.remoteAddress ?? ''}`, '', '');
      up.write(lines.join('\r\n'));
      if (head.length) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
  }

  dispose(): void {
    for (const s of this.#sockets) s.destroy();
    this.#sockets.clear();
  }
}
