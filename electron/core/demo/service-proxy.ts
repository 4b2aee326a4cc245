// The apiserver proxy subresources (docs/service-proxy.md): `services/[scheme:]NAME[:PORT]/proxy/PATH`,
// `pods/[scheme:]NAME[:PORT]/proxy/PATH` and `nodes/NAME[:PORT]/proxy/PATH`, resolved the way
// kube-apiserver's ResourceLocation does (service port name via Endpoints, a random ready
// address), then proxied to the real local backend behind that fake IP, with
// X-Forwarded-*, CORS headers stripped, link rewriting, and the apiserver's Status errors.
import { request as httpRequest, type IncomingMessage, type ServerResponse, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Duplex } from 'node:stream';
import { R } from './api-resources.ts';
import { ApiError, badRequest, notFound, sendStatus, serviceUnavailable, writeRawStatus } from './api-status.ts';
import type { BackendRegistry, BackendTarget } from './backends.ts';
import { rewriteHtml, rewriteUrl } from './html-rewrite.ts';
import type { Endpoints, Node, Pod, Service } from '../kube/kube-objects.ts';
import type { ObjectStore } from './object-store.ts';
import { HOP_BY_HOP } from '../http/hop-by-hop.ts';

export interface ProxyTarget {
  kind: 'services' | 'pods' | 'nodes';
  namespace?: string;
  /** The id segment: `NAME`, `NAME:PORT`, `SCHEME:NAME:PORT`. */
  id: string;
  /** The raw request path up to and including `/proxy`. */
  prefix: string;
  /** The raw path after `/proxy` ('' when absent). */
  rest: string;
  /** The raw query, without '?'. */
  query: string;
}

interface Location {
  scheme: 'http' | 'https';
  ip: string;
  port: number | string;
}

const WELL_KNOWN: Record<string, number> = { http: 80, https: 443, www: 80 };

/** apimachinery SplitSchemeNamePort. */
export function splitSchemeNamePort(id: string): { scheme: string; name: string; port: string } | undefined {
  const parts = id.split(':');
  let scheme = '';
  let name: string;
  let port = '';
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) [name, port] = parts as [string, string];
  else if (parts.length === 3) [scheme, name, port] = parts as [string, string, string];
  else return undefined;
  if (name.length === 0 || (scheme !== '' && scheme !== 'http' && scheme !== 'https')) return undefined;
  return { scheme, name, port };
}

function dialError(ip: string, port: number | string, err?: NodeJS.ErrnoException): string {
  const addr = `${ip}:${port}`;
  if (typeof port === 'string') return `dial tcp: lookup tcp/${port}: unknown port`;
  if (!err || err.code === 'ECONNREFUSED') return `dial tcp ${addr}: connect: connection refused`;
  if (err.code === 'ECONNRESET') return `read tcp ${addr}: read: connection reset by peer`;
  if (err.code === 'EPROTO' || /SSL|TLS|certificate/i.test(err.message)) return `tls: ${err.message}`;
  return `dial tcp ${addr}: ${err.message}`;
}

export class ServiceProxy {
  #store: ObjectStore;
  #backends: BackendRegistry;
  #sockets = new Set<Duplex>();

  constructor(store: ObjectStore, backends: BackendRegistry) {
    this.#store = store;
    this.#backends = backends;
  }

  /** ResourceLocation: throws the apiserver's ApiError when there is nowhere to go. */
  resolve(t: ProxyTarget): Location {
    const parsed = splitSchemeNamePort(t.id);
    const scheme = (s: string): 'http' | 'https' => (s === 'https' ? 'https' : 'http');
    if (t.kind === 'services') {
      if (!parsed) throw badRequest(`invalid service request "${t.id}"`);
      let portName = parsed.port;
      if (/^\d+$/.test(portName)) {
        const svc = this.#store.get(R.services, t.namespace, parsed.name) as Service | undefined;
        if (!svc) throw notFound('services', parsed.name, 'services');
        const sp = (svc.spec.ports ?? []).find((p) => p.port === Number(portName));
        if (!sp) throw serviceUnavailable(`no service port ${portName} found for service "${parsed.name}"`);
        portName = sp.name ?? '';
      }
      const eps = this.#store.get(R.endpoints, t.namespace, parsed.name) as Endpoints | undefined;
      if (!eps) throw notFound('endpoints', parsed.name, 'endpoints');
      const subsets = eps.subsets ?? [];
      if (subsets.length === 0) throw serviceUnavailable(`no endpoints available for service "${parsed.name}"`);
      const seed = Math.floor(Math.random() * subsets.length);
      for (let i = 0; i < subsets.length; i++) {
        const ss = subsets[(seed + i) % subsets.length]!;
        const addrs = ss.addresses ?? [];
        if (addrs.length === 0) continue;
        const port = (ss.ports ?? []).find((p) => (p.name ?? '') === portName);
        if (!port) continue;
        const aSeed = Math.floor(Math.random() * addrs.length);
        for (let k = 0; k < addrs.length; k++) {
          const a = addrs[(aSeed + k) % addrs.length]!;
          if (a.targetRef?.kind === 'Pod') {
            const pod = this.#store.get(R.pods, a.targetRef.namespace ?? t.namespace, a.targetRef.name) as Pod | undefined;
            if (!pod || pod.status.podIP !== a.ip) continue;
          }
          return { scheme: scheme(parsed.scheme), ip: a.ip, port: port.port };
        }
      }
      throw serviceUnavailable(`no endpoints available for service "${t.id}"`);
    }
    if (t.kind === 'pods') {
      if (!parsed) throw badRequest(`invalid pod request "${t.id}"`);
      const pod = this.#store.get(R.pods, t.namespace, parsed.name) as Pod | undefined;
      if (!pod) throw notFound('pods', parsed.name, 'pods');
      let port: number | string = parsed.port;
      if (port === '') {
        for (const c of pod.spec.containers) {
          if (c.ports?.length) {
            port = c.ports[0]!.containerPort;
            break;
          }
        }
      }
      if (!pod.status.podIP) throw badRequest('address not allowed');
      if (port === '') port = 80;
      if (typeof port === 'string') port = /^\d+$/.test(port) ? Number(port) : (WELL_KNOWN[port] ?? port);
      return { scheme: scheme(parsed.scheme), ip: pod.status.podIP, port };
    }
    if (!parsed) throw badRequest(`invalid node request "${t.id}"`);
    const node = this.#store.get(R.nodes, undefined, parsed.name) as Node | undefined;
    if (!node) throw notFound('nodes', parsed.name, 'nodes');
    const ip = node.status.addresses.find((a) => a.type === 'InternalIP')?.address;
    if (!ip) throw badRequest('address not allowed');
    const kubelet = node.status.daemonEndpoints?.kubeletEndpoint.Port ?? 10250;
    return {
      scheme: parsed.port === '' ? 'https' : scheme(parsed.scheme),
      ip,
      port: parsed.port === '' ? kubelet : /^\d+$/.test(parsed.port) ? Number(parsed.port) : parsed.port,
    };
  }

  #backend(loc: Location): BackendTarget | undefined {
    return typeof loc.port === 'number' ? this.#backends.resolve(loc.ip, loc.port) : undefined;
  }

  async handle(req: IncomingMessage, res: ServerResponse, t: ProxyTarget): Promise<void> {
    const loc = this.resolve(t);
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
    let loc: Location;
    try {
      loc = this.resolve(t);
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
