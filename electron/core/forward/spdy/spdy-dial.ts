// Opens the one connection a forward keeps to a pod (docs/port-forward.md, protocols B and C):
// `GET …/portforward` upgraded to a WebSocket with subprotocol `SPDY/3.1+portforward.k8s.io`
// (client-go/tools/portforward/tunneling_dialer.go), or `POST …/portforward` with
// `Upgrade: SPDY/3.1` and `X-Stream-Protocol-Version: portforward.k8s.io`
// (client-go/transport/spdy/spdy.go). The cluster's agent carries TLS, the client certificate
// and any proxy; a 401 refreshes the credentials once, as tunnel-open.ts does.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { AuthHeaders } from '../../cluster/cluster-connection.ts';
import { urlFor } from '../../cluster/kube-request.ts';
import { describe } from '../../errors.ts';
import { HANDSHAKE_TIMEOUT_MS, kindForStatus, readStatusMessage, TunnelError, type TunnelEndpoint } from '../tunnel-open.ts';

export type SpdyTransport = 'spdy-websocket' | 'spdy';

const PORTFORWARD_PROTOCOL = 'portforward.k8s.io';
const TUNNEL_PROTOCOL = `SPDY/3.1+${PORTFORWARD_PROTOCOL}`;
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface Upgraded {
  socket: Socket;
  head: Buffer;
}

function endpointUrl(ep: TunnelEndpoint): URL {
  return urlFor(ep.conn, `/api/v1/namespaces/${encodeURIComponent(ep.namespace)}/pods/${encodeURIComponent(ep.pod)}/portforward`);
}

function attempt(ep: TunnelEndpoint, transport: SpdyTransport, auth: AuthHeaders, signal?: AbortSignal): Promise<Upgraded> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TunnelError('cancelled', 'cancelled'));
    const url = endpointUrl(ep);
    const key = randomBytes(16).toString('base64');
    const headers: Record<string, string | string[]> =
      transport === 'spdy-websocket'
        ? {
            ...auth,
            Connection: 'Upgrade',
            Upgrade: 'websocket',
            'Sec-WebSocket-Key': key,
            'Sec-WebSocket-Version': '13',
            'Sec-WebSocket-Protocol': TUNNEL_PROTOCOL,
          }
        : { ...auth, Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': PORTFORWARD_PROTOCOL };
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req: ClientRequest = request(url, {
      method: transport === 'spdy-websocket' ? 'GET' : 'POST',
      agent: ep.conn.agent,
      headers,
    });
    let settled = false;
    const done = (err: TunnelError | undefined, up?: Upgraded): void => {
      if (settled) {
        up?.socket.destroy();
        return;
      }
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(up!);
    };
    const onAbort = (): void => done(new TunnelError('cancelled', 'cancelled'));
    const timer = setTimeout(
      () => done(new TunnelError('unreachable', `${ep.conn.server.host}: no answer to the upgrade within ${HANDSHAKE_TIMEOUT_MS} ms`)),
      HANDSHAKE_TIMEOUT_MS,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('upgrade', (res: IncomingMessage, socket: Socket, head: Buffer) => {
      const problem = checkUpgrade(transport, res, key);
      if (problem) {
        socket.destroy();
        done(new TunnelError('protocol', problem, 101));
        return;
      }
      done(undefined, { socket, head });
    });
    req.on('response', (res: IncomingMessage) => {
      // A refused upgrade must not hand its socket back to the keep-alive pool: the server may
      // close it, and the next protocol's attempt would die on it. (Set here: Node recomputes
      // it from the Connection header when the request head is written.)
      req.shouldKeepAlive = false;
      const status = res.statusCode ?? 0;
      void readStatusMessage(res).then((message) => done(new TunnelError(kindForStatus(status), message, status)));
    });
    req.on('error', (err) => done(new TunnelError('unreachable', `${ep.conn.server.host}: ${describe(err)}`, undefined, { cause: err })));
    req.end();
  });
}

/** What is wrong with a 101 answer, if anything (RFC 6455 §4.1; kubectl's protocol check). */
function checkUpgrade(transport: SpdyTransport, res: IncomingMessage, key: string): string | undefined {
  if (transport === 'spdy') {
    const version = res.headers['x-stream-protocol-version'];
    // An apiserver that names no version speaks v1 (client-go/tools/portforward/portforward.go).
    if (version !== undefined && version !== PORTFORWARD_PROTOCOL) {
      return `unable to negotiate protocol: client supports "${PORTFORWARD_PROTOCOL}", server returned "${String(version)}"`;
    }
    return undefined;
  }
  const accept = createHash('sha1')
    .update(key + WS_GUID)
    .digest('base64');
  if (res.headers['sec-websocket-accept'] !== accept) return 'invalid Sec-WebSocket-Accept in the upgrade answer';
  const protocol = res.headers['sec-websocket-protocol'];
  if (protocol !== TUNNEL_PROTOCOL) {
    return `unable to negotiate protocol: client supports "${TUNNEL_PROTOCOL}", server returned "${String(protocol ?? '')}"`;
  }
  return undefined;
}

/** Resolves with the upgraded socket; rejects with a TunnelError (its `status` set when the apiserver answered). */
export async function dialSpdy(ep: TunnelEndpoint, transport: SpdyTransport, signal?: AbortSignal): Promise<Upgraded> {
  let auth: AuthHeaders;
  try {
    auth = await ep.conn.authHeaders(signal);
  } catch (err) {
    throw new TunnelError('denied', describe(err), undefined, { cause: err });
  }
  try {
    return await attempt(ep, transport, auth, signal);
  } catch (err) {
    if (!(err instanceof TunnelError) || err.status !== 401) throw err;
    ep.conn.invalidate();
    return attempt(ep, transport, await ep.conn.authHeaders(signal), signal);
  }
}
