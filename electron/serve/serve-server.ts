// `kubedesk serve`: the built renderer over HTTP on loopback plus a WebSocket bridge that
// implements the same IPC contract as Electron's preload, so the same UI runs in any browser.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { BRIDGE_PATH, BRIDGE_PROTOCOL, type BridgeMessage } from '../shared/bridge-protocol.ts';
import { EVENT_CHANNELS } from '../shared/ipc-contract.ts';
import { dispatch } from '../core/api/dispatch.ts';
import type { Core } from '../core/core.ts';
import { KubeDeskError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { newLaunchToken } from '../core/security/launch-token.ts';
import { checkBridgeUpgrade, checkBrowserRequest } from './serve-guard.ts';
import { serveStatic } from './static-files.ts';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface ServeOptions {
  core: Core;
  log: Logger;
  port?: number;
  address?: string;
  token?: string;
  rendererDir?: string;
}

export interface ServeServer {
  readonly port: number;
  readonly address: string;
  /** The URL to open, with the token in the fragment (never sent to the server, never logged). */
  readonly url: string;
  dispose(): Promise<void>;
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function refuse(res: ServerResponse): void {
  res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).end('Forbidden\n');
}

function refuseUpgrade(socket: Socket): void {
  socket.end(
    'HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 10\r\nConnection: close\r\n\r\nForbidden\n',
  );
}

function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

export async function startServeServer(opts: ServeOptions): Promise<ServeServer> {
  const token = opts.token ?? newLaunchToken();
  const root = opts.rendererDir ?? DEFAULT_RENDERER_DIR;
  const address = opts.address ?? '127.0.0.1';
  const { core, log } = opts;
  let port = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const verdict = checkBrowserRequest(req, port);
    if (!verdict.ok) {
      log.warn('serve: request refused', { reason: verdict.reason, method: req.method });
      refuse(res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method Not Allowed\n');
      return;
    }
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === BRIDGE_PATH) {
      refuse(res); // the bridge is WebSocket only
      return;
    }
    void serveStatic(root, path, res, req.method === 'HEAD');
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has(BRIDGE_PROTOCOL) ? BRIDGE_PROTOCOL : false),
  });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const verdict = path === BRIDGE_PATH ? checkBridgeUpgrade(req, port, token) : { ok: false as const, reason: 'path' };
    if (!verdict.ok) {
      log.warn('serve: bridge upgrade refused', { reason: verdict.reason });
      refuseUpgrade(socket);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachBridge(ws));
  });

  function attachBridge(ws: WebSocket): void {
    sockets.add(ws);
    const controller = new AbortController();
    const send = (msg: BridgeMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    };
    const unsubscribes = EVENT_CHANNELS.map((event) =>
      core.events.on(event, (payload) => send({ t: 'event', event, payload } as BridgeMessage)),
    );
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text only');
      let msg: { t?: unknown; id?: unknown; channel?: unknown; req?: unknown };
      try {
        msg = JSON.parse(data.toString()) as typeof msg;
      } catch {
        return ws.close(1007, 'invalid JSON');
      }
      if (msg.t !== 'invoke' || typeof msg.id !== 'number') return ws.close(1008, 'invalid message');
      const id = msg.id;
      void dispatch({ handlers: core.handlers, log }, msg.channel, msg.req, controller.signal).then((result) =>
        send({ t: 'result', id, result }),
      );
    });
    ws.on('close', () => {
      controller.abort();
      for (const u of unsubscribes) u();
      sockets.delete(ws);
    });
    ws.on('error', () => ws.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new KubeDeskError('port-in-use', `--port: ${opts.port} is already in use on ${address}`)
          : new KubeDeskError('invalid-input', `--address: cannot listen on ${address}: ${err.message}`),
      );
    });
    server.listen({ port: opts.port ?? 0, host: address }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  log.info('serve: listening', { address, port });

  let disposed: Promise<void> | undefined;
  return {
    port,
    address,
    url: `http://${urlHost(address)}:${port}/#token=${token}`,
    dispose: () =>
      (disposed ??= new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
