// Opens one port-forward WebSocket to a pod through the apiserver (docs/port-forward.md, protocol A):
// `GET …/pods/NAME/portforward?ports=R`, subprotocol `v4.channel.k8s.io`, the connection's
// credentials and TLS agent. Handshake failures are classified so the forward knows whether the
// pod is gone (400/404), access is denied, or the apiserver is unreachable.
import { randomFillSync } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import type { AuthHeaders, ClusterConnection } from '../cluster/cluster-connection.ts';
import { urlFor } from '../cluster/kube-request.ts';
import { describe } from '../errors.ts';
import { V4_PROTOCOL } from './v4-channels.ts';

export type TunnelFailure = 'pod-gone' | 'denied' | 'unreachable' | 'protocol' | 'port' | 'cancelled';

export class TunnelError extends Error {
  readonly kind: TunnelFailure;
  readonly status: number | undefined;
  constructor(kind: TunnelFailure, message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TunnelError';
    this.kind = kind;
    this.status = status;
  }
}

export interface TunnelEndpoint {
  conn: ClusterConnection;
  namespace: string;
  pod: string;
}

export const HANDSHAKE_TIMEOUT_MS = 15_000;

// Masking keys from a random pool (as ws does), never all zeros: ws sends a zero-masked frame
// without copying the payload, which would break tunnel-pipe.ts's reuse of its frame buffer.
const maskPool = Buffer.alloc(8 * 1024);
let maskAt = maskPool.length;

export function generateMask(mask: Buffer): void {
  if (maskAt + 4 > maskPool.length) {
    randomFillSync(maskPool);
    maskAt = 0;
  }
  maskPool.copy(mask, 0, maskAt, maskAt + 4);
  maskAt += 4;
  if ((mask[0]! | mask[1]! | mask[2]! | mask[3]!) === 0) mask[0] = 1;
}

/** The socket under each open v4 WebSocket (what `ws` upgraded), for tunnel-pipe.ts to write data frames on. */
const upgradedSockets = new WeakMap<WebSocket, Socket>();

/**
 * The socket a tunnel from openTunnel runs on. tunnel-pipe.ts writes its data frames there itself
 * (client-frame.ts): `ws` would copy each payload into a new buffer to mask it.
 */
export function tunnelSocket(ws: WebSocket): Socket | undefined {
  return upgradedSockets.get(ws);
}

export function portForwardUrl(ep: TunnelEndpoint, ports: readonly number[]): URL {
  const url = urlFor(ep.conn, `/api/v1/namespaces/${encodeURIComponent(ep.namespace)}/pods/${encodeURIComponent(ep.pod)}/portforward`);
  for (const p of ports) url.searchParams.append('ports', String(p));
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}

export async function readStatusMessage(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of res) {
      size += (c as Buffer).length;
      if (size > 64 * 1024) break;
      chunks.push(c as Buffer);
    }
  } catch {}
  const text = Buffer.concat(chunks).toString('utf8').trim();
  try {
    const s = JSON.parse(text) as { kind?: string; message?: string };
    if (s.kind === 'Status' && s.message) return s.message;
  } catch {}
  return text || `HTTP ${res.statusCode ?? 0}`;
}

export function kindForStatus(status: number): TunnelFailure {
  if (status === 400 || status === 404 || status === 410) return 'pod-gone';
  if (status === 401 || status === 403) return 'denied';
  return 'unreachable';
}

function attempt(ep: TunnelEndpoint, ports: readonly number[], headers: AuthHeaders, signal?: AbortSignal): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TunnelError('cancelled', 'cancelled'));
    const ws = new WebSocket(portForwardUrl(ep, ports), [V4_PROTOCOL], {
      agent: ep.conn.agent,
      headers,
      // No compression: frames are then sent synchronously, never queued (tunnel-pipe.ts).
      perMessageDeflate: false,
      generateMask,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      followRedirects: false,
      maxPayload: 64 * 1024 * 1024,
    });
    let settled = false;
    const done = (err: TunnelError | undefined): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      ws.off('open', onOpen);
      if (err) {
        ws.on('error', () => {});
        if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
        reject(err);
      } else {
        resolve(ws);
      }
    };
    const onAbort = (): void => done(new TunnelError('cancelled', 'cancelled'));
    const onOpen = (): void => {
      // Hold the port headers (they may arrive with the 101) until the caller listens.
      ws.pause();
      if (ws.protocol !== V4_PROTOCOL) {
        done(
          new TunnelError('protocol', `unable to negotiate protocol: client supports "${V4_PROTOCOL}", server returned "${ws.protocol}"`),
        );
        return;
      }
      done(undefined);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    ws.once('upgrade', (res: IncomingMessage) => upgradedSockets.set(ws, res.socket));
    ws.once('open', onOpen);
    ws.once('unexpected-response', (req, res) => {
      const status = res.statusCode ?? 0;
      void readStatusMessage(res).then((message) => {
        req.destroy();
        done(new TunnelError(kindForStatus(status), message, status));
      });
    });
    ws.on('error', (err) => done(new TunnelError('unreachable', `${ep.conn.server.host}: ${describe(err)}`, undefined, { cause: err })));
    ws.once('close', () => done(new TunnelError('unreachable', `${ep.conn.server.host}: connection closed during the upgrade`)));
  });
}

/**
 * Resolves with an open, *paused* WebSocket speaking v4 (call `resume()` once listening); on a 401 refreshes the credentials once and
 * retries (as kube-request does). Rejects with a TunnelError.
 */
export async function openTunnel(ep: TunnelEndpoint, ports: readonly number[], signal?: AbortSignal): Promise<WebSocket> {
  let headers: AuthHeaders;
  try {
    headers = await ep.conn.authHeaders(signal);
  } catch (err) {
    throw new TunnelError('denied', describe(err), undefined, { cause: err });
  }
  try {
    return await attempt(ep, ports, headers, signal);
  } catch (err) {
    if (!(err instanceof TunnelError) || err.status !== 401) throw err;
    ep.conn.invalidate();
    return attempt(ep, ports, await ep.conn.authHeaders(signal), signal);
  }
}
