// H9 (docs/security.md): slow clients must not starve the proxy. Node's own header timeout
// (`headersTimeout`) starts only with a request's first byte and is checked every
// `connectionsCheckingInterval`, and a socket that sends nothing has no deadline at all. So every
// connection without a request in flight (new, sending partial headers, or idle between
// keep-alive requests) is tracked here: it is closed after `timeoutMs` from when it went idle,
// and when more than `maxIdle` are idle the oldest go first, so a flood of held sockets never
// stops the proxy from answering others (Go: `http.Server.ReadHeaderTimeout`, `IdleTimeout`).
// Requests in flight (watches, logs) and upgraded streams are never touched.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Disposable } from '../lifecycle.ts';

export interface IdleLimits {
  /** From connecting, or from the end of the last response, until a request's headers are in. */
  timeoutMs: number;
  /** Idle connections kept at most; the oldest are closed beyond it. */
  maxIdle: number;
  now?: () => number;
}

/** Local clients send their headers at once; a held socket gets this long. */
export const DEFAULT_HEADER_TIMEOUT_MS = 30_000;
/** Browsers keep ~6 connections per host and kubectl a few: far below, and far below a 256-descriptor limit. */
export const DEFAULT_MAX_IDLE = 128;

export function limitIdleConnections(server: Server, limits: IdleLimits): Disposable {
  const now = limits.now ?? Date.now;
  /** Idle sockets → since when; insertion order is age order. */
  const idle = new Map<Socket, number>();
  const inFlight = new WeakMap<Socket, number>();

  // One timer, set for the oldest idle socket's deadline only while some socket is idle: a
  // proxy nobody uses wakes up for nothing.
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    if (timer !== undefined || idle.size === 0) return;
    const [since] = idle.values();
    timer = setTimeout(sweep, Math.max(10, since! + limits.timeoutMs - now()));
    timer.unref();
  };
  const markIdle = (socket: Socket): void => {
    if (socket.destroyed) return;
    idle.delete(socket);
    idle.set(socket, now());
    while (idle.size > limits.maxIdle) {
      const [oldest] = idle.keys();
      idle.delete(oldest!);
      oldest!.destroy();
    }
    arm();
  };
  function sweep(): void {
    timer = undefined;
    const t = now();
    for (const [socket, since] of idle) {
      if (t - since < limits.timeoutMs) break;
      idle.delete(socket);
      socket.destroy();
    }
    arm();
  }

  const onConnection = (socket: Socket): void => {
    socket.once('close', () => idle.delete(socket));
    markIdle(socket);
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const socket = req.socket;
    idle.delete(socket);
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const n = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, n);
      if (n === 0) markIdle(socket);
    });
  };
  // An upgraded socket belongs to its stream (or is being refused and closed).
  const onUpgrade = (req: IncomingMessage): void => void idle.delete(req.socket);

  server.on('connection', onConnection);
  server.on('request', onRequest);
  server.on('upgrade', onUpgrade);
  return {
    dispose: () => {
      clearTimeout(timer);
      server.off('connection', onConnection);
      server.off('request', onRequest);
      server.off('upgrade', onUpgrade);
      idle.clear();
    },
  };
}
