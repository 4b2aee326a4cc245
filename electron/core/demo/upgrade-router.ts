// Upgrade requests (`Connection: Upgrade`): port-forward over WebSocket channels, SPDY/3.1, or
// SPDY tunnelled in WebSocket (kubectl ≥ 1.31 tries that first); exec/attach → 403;
// proxy subresources → spliced to the backend. Authenticated and recorded like any request.
// The `ws` package refuses the subprotocol `SPDY/3.1+portforward.k8s.io` (a `/` is not a
// token character), so the tunnel's offer is swapped for a private token before ws parses it
// and swapped back in the 101 answer.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../log.ts';
import { R } from './api-resources.ts';
import { parseApiPath } from './api-path.ts';
import { ApiError, badRequest, forbidden, notFound, toApiError, unauthorized, writeRawStatus, writeRawText } from './api-status.ts';
import { admit, type RouterDeps } from './api-router.ts';
import type { BackendRegistry } from './backends.ts';
import type { Pod } from '../kube/kube-objects.ts';
import type { ObjectStore } from './object-store.ts';
import { sandboxId } from './pod-factory.ts';
import type { PortForwardSessions } from './portforward-sessions.ts';
import { PORTFORWARD_PROTOCOL, SpdyPortForward } from './portforward-spdy.ts';
import type { ForwardTarget } from './portforward-target.ts';
import { PORTFORWARD_ALIAS, V4_BASE64, V4_BINARY, WEBSOCKET_PROTOCOLS, WebSocketPortForward, parsePorts } from './portforward-websocket.ts';
import type { ServiceProxy } from './service-proxy.ts';

const SPDY_TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';
const TUNNEL_TOKEN = 'kubedesk-spdy-tunnel';

export interface UpgradeDeps extends Pick<RouterDeps, 'secrets' | 'latencyMs' | 'record'> {
  store: ObjectStore;
  backends: BackendRegistry;
  forwards: PortForwardSessions;
  proxy: ServiceProxy;
  log?: Logger;
}

function offeredProtocols(req: IncomingMessage): string[] {
  const h = req.headers['sec-websocket-protocol'];
  if (!h) return [];
  return h
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export class UpgradeRouter {
  #d: UpgradeDeps;
  #wss: WebSocketServer;
  #live = new Set<{ terminate(): void }>();
  #rawSockets = new Set<Duplex>();

  constructor(deps: UpgradeDeps) {
    this.#d = deps;
    this.#wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      maxPayload: 64 * 1024 * 1024,
      handleProtocols: (protocols: Set<string>) => {
        for (const p of protocols) if (p === TUNNEL_TOKEN || (WEBSOCKET_PROTOCOLS as readonly string[]).includes(p)) return p;
        return false;
      },
    });
    this.#wss.on('headers', (headers: string[]) => {
      const i = headers.findIndex((h) => h.toLowerCase() === `sec-websocket-protocol: ${TUNNEL_TOKEN}`);
      if (i >= 0) headers[i] = `Sec-WebSocket-Protocol: ${SPDY_TUNNEL_PROTOCOL}`;
    });
  }

  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    this.#route(req, socket, head).catch((err: unknown) => {
      if (!socket.destroyed) writeRawStatus(socket, toApiError(err));
    });
  }

  async #route(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const { user } = await admit(req, this.#d);
    if (!user) return writeRawStatus(socket, unauthorized());
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const rawQuery = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1) : '';
    const parsed = parseApiPath(rawPath, rawQuery);
    if (parsed.kind !== 'resource' || !parsed.rr.name || !parsed.rr.sub) {
      return writeRawStatus(socket, new ApiError(400, 'BadRequest', 'the server does not allow upgrades on this path'));
    }
    if (parsed.proxy) return this.#d.proxy.handleUpgrade(req, socket, head, parsed.proxy);
    const { rr } = parsed;
    if (rr.key !== 'pods') return writeRawStatus(socket, badRequest('the server does not allow upgrades on this path'));
    if (rr.sub === 'exec' || rr.sub === 'attach') {
      return writeRawStatus(
        socket,
        forbidden(
          'pods',
          rr.name!,
          `User "${user.username}" cannot create resource "pods/${rr.sub}" in API group "" in the namespace "${rr.namespace}": the demo cluster runs no containers`,
          'pods',
        ),
      );
    }
    if (rr.sub !== 'portforward') return writeRawStatus(socket, badRequest('the server does not allow upgrades on this path'));
    const pod = this.#d.store.get(R.pods, rr.namespace, rr.name!) as Pod | undefined;
    if (!pod) return writeRawStatus(socket, notFound('pods', rr.name!, 'pods'));
    if (!pod.spec.nodeName) return writeRawStatus(socket, badRequest(`pod ${pod.metadata.name} does not have a host assigned`));
    const target = this.#target(pod);
    const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
    if (upgrade === 'websocket') {
      const offered = offeredProtocols(req);
      if (offered.includes(SPDY_TUNNEL_PROTOCOL)) {
        req.headers['sec-websocket-protocol'] = TUNNEL_TOKEN;
        this.#wss.handleUpgrade(req, socket, head, (ws) => this.#spdyOver(createWebSocketStream(ws), target, ws));
        return;
      }
      const supported = offered.filter((p) => (WEBSOCKET_PROTOCOLS as readonly string[]).includes(p));
      if (offered.length > 0 && supported.length === 0) {
        return writeRawStatus(
          socket,
          badRequest(
            `unable to upgrade connection: requested protocol(s) are not supported: [${offered.join(' ')}]; supports [${V4_BINARY} ${V4_BASE64}]`,
          ),
        );
      }
      let ports: number[];
      try {
        ports = parsePorts(new URL(req.url ?? '/', 'https://x').searchParams.getAll('ports'));
      } catch (err) {
        return writeRawStatus(socket, badRequest(err instanceof Error ? err.message : String(err)));
      }
      this.#wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
        const protocol = ws.protocol === PORTFORWARD_ALIAS || ws.protocol === '' ? V4_BINARY : ws.protocol;
        let remove = (): void => {};
        const session = new WebSocketPortForward(ws, target, ports, protocol, () => {
          remove();
          this.#live.delete(session);
        });
        if (session.closed) return;
        remove = this.#d.forwards.add(target.namespace, target.pod, session);
        this.#live.add(session);
      });
      return;
    }
    if (upgrade === 'spdy/3.1') {
      const versions = String(req.headers['x-stream-protocol-version'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (versions.length > 0 && !versions.includes(PORTFORWARD_PROTOCOL)) {
        return writeRawText(
          socket,
          403,
          `unable to upgrade: unable to negotiate protocol: client supports [${versions.join(' ')}], server accepts [${PORTFORWARD_PROTOCOL}]`,
        );
      }
      socket.write(
        [
          'HTTP/1.1 101 Switching Protocols',
          'Connection: Upgrade',
          'Upgrade: SPDY/3.1',
          ...(versions.length ? [`X-Stream-Protocol-Version: ${PORTFORWARD_PROTOCOL}`] : []),
          '',
          '',
        ].join('\r\n'),
      );
      this.#spdyOver(socket, target, undefined, head);
      return;
    }
    return writeRawStatus(socket, badRequest('Upgrade request required'));
  }

  #target(pod: Pod): ForwardTarget {
    const ip = pod.status.podIP;
    return {
      namespace: pod.metadata.namespace!,
      pod: pod.metadata.name,
      sandbox: sandboxId(pod.metadata.uid!),
      resolve: (port) => (ip ? this.#d.backends.resolve(ip, port) : undefined),
    };
  }

  #spdyOver(io: Duplex, target: ForwardTarget, ws: WebSocket | undefined, head?: Buffer): void {
    io.on('error', () => io.destroy());
    this.#rawSockets.add(io);
    let remove = (): void => {};
    const session = new SpdyPortForward(io, target, {
      ...(this.#d.log ? { log: this.#d.log } : {}),
      ...(head ? { head } : {}),
      onClose: () => {
        remove();
        this.#rawSockets.delete(io);
        ws?.terminate();
      },
    });
    remove = this.#d.forwards.add(target.namespace, target.pod, session);
  }

  dispose(): void {
    for (const s of this.#live) s.terminate();
    this.#live.clear();
    for (const s of this.#rawSockets) s.destroy();
    this.#rawSockets.clear();
    for (const c of this.#wss.clients) c.terminate();
    this.#wss.close();
  }
}
