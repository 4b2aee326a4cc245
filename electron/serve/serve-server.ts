// `kubedesk serve`: the built renderer over HTTP on loopback plus a WebSocket bridge that
// implements the same IPC contract as Electron's preload, so the same UI runs in any browser.
// The browser is opened with a one-time launch code, which the page trades for the session
// token at POST /session (docs/security.md, serve mode): the opener's command line is visible in
// `ps`, the token itself is never in a URL. The codes are the proxy's kind (launch-codes.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  BRIDGE_PATH,
  BRIDGE_PROTOCOL,
  LAUNCH_CODE_PARAM,
  LAUNCH_CODE_PATH,
  SESSION_PATH,
  type BridgeMessage,
  type LaunchCodeResponse,
  type SessionResponse,
} from '../shared/bridge-protocol.ts';
import { EVENT_CHANNELS } from '../shared/ipc-contract.ts';
import { dispatch } from '../core/api/dispatch.ts';
import type { Core } from '../core/core.ts';
import { KubeDeskError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { newLaunchToken } from '../core/security/launch-token.ts';
import { LaunchCodes } from '../core/security/launch-codes.ts';
import { checkBearer, checkBridgeUpgrade, checkBrowserRequest } from './serve-guard.ts';
import { serveStatic } from './static-files.ts';

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface ServeOptions {
  core: Core;
  log: Logger;
  port?: number;
  address?: string;
  /** The session token (default: a fresh one); it never appears in a URL. */
  token?: string;
  rendererDir?: string;
}

export interface ServeServer {
  readonly port: number;
  readonly address: string;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /**
   * The URL to open: a fresh one-time launch code in the fragment each call (never logged).
   * `ttlMs` overrides the code's lifetime (the link printed on the user's own terminal).
   */
  launchUrl(ttlMs?: number): string;
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

const MAX_SESSION_BODY = 1024;
/** How long an unused launch code stays valid: time for a browser started with it to load. */
const LAUNCH_CODE_TTL_MS = 120_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    })
    .end(text);
}

/** A small JSON body, or undefined when it is not one (wrong type, too big, not JSON). */
function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    if (!/^application\/json(;|$)/.test(req.headers['content-type'] ?? '')) {
      req.resume();
      return resolve(undefined);
    }
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_SESSION_BODY) {
        req.destroy();
        resolve(undefined);
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined);
      }
    });
    req.on('error', () => resolve(undefined));
  });
}

function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

export async function startServeServer(opts: ServeOptions): Promise<ServeServer> {
  const token = opts.token ?? newLaunchToken();
  const codes = new LaunchCodes({ ttlMs: LAUNCH_CODE_TTL_MS });
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
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'POST' && (path === SESSION_PATH || path === LAUNCH_CODE_PATH)) {
      void session(req, res, path);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method Not Allowed\n');
      return;
    }
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (path === BRIDGE_PATH || path === SESSION_PATH || path === LAUNCH_CODE_PATH) {
      refuse(res); // the bridge is WebSocket only, the session endpoints POST only
      return;
    }
    void serveStatic(root, path, res, req.method === 'HEAD');
  });

  /** POST /session trades a launch code for the token, once; POST /session/launch-code needs the token. */
  async function session(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === LAUNCH_CODE_PATH) {
      req.resume();
      if (!checkBearer(req, token)) {
        log.warn('serve: launch code request refused', { reason: 'token' });
        return refuse(res);
      }
      return sendJson(res, 200, { code: codes.issue() } satisfies LaunchCodeResponse);
    }
    const body = (await readJsonBody(req)) as { code?: unknown } | undefined;
    const code = typeof body?.code === 'string' ? body.code : undefined;
    if (code === undefined || !codes.redeem(code)) {
      log.warn('serve: launch code refused', { reason: code === undefined ? 'no code' : 'used, expired or unknown' });
      return refuse(res);
    }
    sendJson(res, 200, { token } satisfies SessionResponse);
  }

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
  const origin = `http://${urlHost(address)}:${port}`;
  return {
    port,
    address,
    origin,
    launchUrl: (ttlMs) => `${origin}/#${LAUNCH_CODE_PARAM}=${codes.issue(ttlMs)}`,
    dispose: () =>
      (disposed ??= new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
