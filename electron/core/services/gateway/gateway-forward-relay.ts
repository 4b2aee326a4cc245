// One gateway request relayed to the gateway's own port-forward (docs/service-gateway.md, Through a
// port-forward): a plain HTTP reverse proxy to `127.0.0.1:FORWARD`. Request headers as
// proxy/upstream-headers.ts builds them (hop-by-hop dropped but kept for upgrades, token carriers
// removed, `X-Forwarded-For` added), without credentials and with the gateway's own `Host`, as a
// browser on a `kubectl port-forward` port sends it. Answers as proxy/response-headers.ts relays
// them, streamed; no link mapping (nothing adds a prefix). A failure before an answer is a 502
// naming the service and why its forward could not carry the request.
import { request, type Agent, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { textError, writePlain, writePlainToSocket } from '../../proxy/plain-response.ts';
import { proxyErrorText } from '../../proxy/proxy-error-text.ts';
import type { RelayContext } from '../../proxy/relay-context.ts';
import { relayedResponseHeaders } from '../../proxy/response-headers.ts';
import { buildUpstreamHeaders } from '../../proxy/upstream-headers.ts';
import type { GatewayForward } from './gateway-forwards.ts';
import type { GatewayTarget } from './gateway-path.ts';

export interface ForwardRelay {
  ctx: RelayContext;
  forward: GatewayForward;
  /** Keep-alive connections to the forward (each new one is a new stream to the pod). */
  agent: Agent;
  /** `service "shop/web" port 80`. */
  what: string;
}

function hasBody(req: IncomingMessage): boolean {
  const len = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (len !== undefined && len !== '0');
}

function open(relay: ForwardRelay, req: IncomingMessage, target: GatewayTarget, isUpgrade: boolean): ClientRequest {
  const method = req.method ?? 'GET';
  const { headers } = buildUpstreamHeaders({
    method,
    rawHeaders: req.rawHeaders,
    isUpgrade,
    // Checked by gateway-guard.ts: `127.0.0.1:PORT` or `localhost:PORT`.
    apiHost: String(req.headers.host),
    clientAddress: req.socket.remoteAddress,
    credentials: {},
  });
  return request({
    host: relay.forward.host,
    port: relay.forward.port,
    method,
    path: target.query ? `${target.path}?${target.query}` : target.path,
    headers,
    // An upgraded socket is never handed back to a pool.
    agent: isUpgrade ? false : relay.agent,
  });
}

function failureText(relay: ForwardRelay, err: unknown): string {
  return `port-forward for ${relay.what} failed: ${relay.forward.trouble() ?? proxyErrorText(err)}`;
}

export function relayForwardHttp(relay: ForwardRelay, req: IncomingMessage, res: ServerResponse, target: GatewayTarget): void {
  const { ctx } = relay;
  const withBody = hasBody(req);
  let current: ClientRequest | undefined;
  let done = false;

  ctx.stats.started();
  const untrack = ctx.track({ destroy: () => (current?.destroy(), res.destroy()) });
  res.on('close', () => {
    if (!res.writableFinished) current?.destroy();
    if (done) return;
    done = true;
    untrack();
    ctx.stats.finished();
  });

  const fail = (err: unknown): void => {
    if (done || res.destroyed) return;
    if (res.headersSent) return void res.destroy();
    const message = failureText(relay, err);
    ctx.stats.error(message);
    ctx.proxyError(message);
    writePlain(res, textError(502, message));
  };

  const send = (retried: boolean): void => {
    const upReq = open(relay, req, target, false);
    current = upReq;
    upReq.on('error', (err: NodeJS.ErrnoException) => {
      if (current !== upReq) return;
      // A kept-alive connection the pod closed meanwhile: a bodiless request is safe to send again.
      if (upReq.reusedSocket && err.code === 'ECONNRESET' && !withBody && !retried && !done) return send(true);
      fail(err);
    });
    upReq.on('response', (upRes) => {
      if (current !== upReq || done || res.destroyed) return void upRes.destroy();
      upRes.on('error', () => res.destroy());
      upRes.on('aborted', () => res.destroy());
      res.writeHead(upRes.statusCode ?? 502, relayedResponseHeaders(upRes.rawHeaders));
      if (upRes.headers['content-length'] === undefined) res.flushHeaders();
      upRes.on('data', (c: Buffer) => ctx.stats.bytesIn(c.length));
      upRes.pipe(res);
    });
    if (withBody) {
      req.on('data', (c: Buffer) => ctx.stats.bytesOut(c.length));
      req.pipe(upReq);
    } else {
      upReq.end();
    }
  };
  send(false);
}

function responseHead(res: IncomingMessage, headers: readonly string[]): string {
  const lines = [`HTTP/1.1 ${res.statusCode} ${res.statusMessage ?? ''}`.trimEnd()];
  for (let i = 0; i < headers.length; i += 2) lines.push(`${headers[i]}: ${headers[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** A WebSocket (or any) upgrade: 101 → the two sockets spliced until either closes; else the answer, then close. */
export function relayForwardUpgrade(relay: ForwardRelay, req: IncomingMessage, client: Socket, head: Buffer, target: GatewayTarget): void {
  const { ctx } = relay;
  let finished = false;
  let backend: Socket | undefined;
  ctx.stats.started(true);
  const upReq = open(relay, req, target, true);
  const untrack = ctx.track({ destroy: () => (upReq.destroy(), backend?.destroy(), client.destroy()) });
  const finish = (): void => {
    if (finished) return;
    finished = true;
    upReq.destroy();
    backend?.destroy();
    client.destroy();
    untrack();
    ctx.stats.finished();
  };
  client.on('close', finish);
  client.on('error', finish);

  upReq.on('error', (err) => {
    if (finished || backend) return;
    const message = failureText(relay, err);
    ctx.stats.error(message);
    ctx.proxyError(message);
    client.once('finish', finish);
    writePlainToSocket(client, textError(502, message));
  });
  upReq.on('upgrade', (upRes: IncomingMessage, socket: Socket, upHead: Buffer) => {
    if (finished) return void socket.destroy();
    backend = socket;
    socket.setNoDelay(true);
    client.setNoDelay(true);
    client.write(responseHead(upRes, upRes.rawHeaders));
    if (upHead.length > 0) client.write(upHead);
    if (head.length > 0) socket.write(head);
    client.on('data', (c: Buffer) => ctx.stats.bytesOut(c.length));
    socket.on('data', (c: Buffer) => ctx.stats.bytesIn(c.length));
    client.on('end', () => socket.end());
    socket.on('end', () => client.end());
    socket.on('close', finish);
    socket.on('error', finish);
    client.pipe(socket, { end: false });
    socket.pipe(client, { end: false });
  });
  upReq.on('response', (upRes: IncomingMessage) => {
    if (finished) return void upRes.destroy();
    // Refused: the service's answer (its body delimited by the close), then close.
    const headers = relayedResponseHeaders(upRes.rawHeaders);
    headers.push('Connection', 'close');
    client.write(responseHead(upRes, headers));
    upRes.on('data', (c: Buffer) => ctx.stats.bytesIn(c.length));
    upRes.pipe(client, { end: false });
    upRes.on('end', () => client.end(finish));
    upRes.on('error', finish);
  });
  upReq.end();
}
