// docs/proxy.md, Upgrades, as upgradeaware.go does it: dial the apiserver over HTTP/1.1 with the client's
// headers (credentials and X-Forwarded-For added, token carriers removed), read the answer's
// head, then: 101 → relay it and splice the two sockets until either side closes; another status
// below 400 → 500 `invalid upgrade response: status code N`; 400 and up → that answer as it came,
// then close; a dial failure → 500 `error dialing backend: …`. WebSocket (port-forward `v4`,
// exec/attach when allowed, watch) and SPDY/3.1 (kubectl port-forward) alike.
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { AuthHeaders } from '../cluster/cluster-connection.ts';
import type { RelayContext } from './relay-context.ts';
import { REPLAY_LIMIT } from './relay-context.ts';
import { textError, writePlainToSocket } from './plain-response.ts';
import { proxyErrorText } from './proxy-error-text.ts';
import { relayedResponseHeaders } from './response-headers.ts';
import { openUpstream, upstreamPathFor } from './upstream-target.ts';
import type { HttpPlan } from './relay-http.ts';

/** How long an error answer to an upgrade may take to arrive in full (upgradeaware.go: 10 s). */
const ERROR_BODY_DEADLINE_MS = 10_000;

function responseHead(res: IncomingMessage, headers: readonly string[]): string {
  const lines = [`HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage ?? ''}`.trimEnd()];
  for (let i = 0; i < headers.length; i += 2) lines.push(`${headers[i]}: ${headers[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Pipes two sockets both ways; when either ends or fails, both are closed (upgradeaware.go). */
function splice(ctx: RelayContext, client: Socket, backend: Socket, done: () => void): void {
  let closed = false;
  const closeBoth = (): void => {
    if (closed) return;
    closed = true;
    client.destroy();
    backend.destroy();
    done();
  };
  client.on('data', (c: Buffer) => ctx.stats.bytesOut(c.length));
  backend.on('data', (c: Buffer) => ctx.stats.bytesIn(c.length));
  // One side's EOF: flush what is queued to the other side, then close both.
  client.on('end', () => backend.end(closeBoth));
  backend.on('end', () => client.end(closeBoth));
  client.on('close', closeBoth);
  backend.on('close', closeBoth);
  client.on('error', closeBoth);
  backend.on('error', closeBoth);
  client.pipe(backend, { end: false });
  backend.pipe(client, { end: false });
}

export function relayUpgrade(ctx: RelayContext, req: IncomingMessage, client: Socket, head: Buffer, plan: HttpPlan): void {
  const { conn, stats } = ctx;
  const path = upstreamPathFor(conn.server, plan.upstreamPath, plan.upstreamQuery);
  let finished = false;
  let current: ClientRequest | undefined;
  let spliced = false;

  stats.started(true);
  const untrack = ctx.track({
    destroy: () => {
      current?.destroy();
      client.destroy();
    },
  });
  const finish = (): void => {
    if (finished) return;
    finished = true;
    untrack();
    stats.finished();
  };
  client.on('error', () => client.destroy());
  client.on('close', () => {
    if (!spliced) current?.destroy();
    finish();
  });

  const answer = (message: string): void => {
    stats.error(message);
    ctx.proxyError(message);
    writePlainToSocket(client, textError(500, message));
  };

  const dial = (credentials: AuthHeaders, retried: boolean): void => {
    const { upReq, usedOwnAuthorization } = openUpstream(conn, req, {
      path,
      isUpgrade: true,
      credentials,
      connectTimeoutMs: ctx.connectTimeoutMs,
    });
    current = upReq;
    if (ctx.keepaliveMs > 0) upReq.once('socket', (s) => s.setKeepAlive(true, ctx.keepaliveMs));

    upReq.on('error', (err) => {
      if (current !== upReq || finished || spliced) return;
      answer(`error dialing backend: ${proxyErrorText(err)}`);
    });

    upReq.on('upgrade', (upRes: IncomingMessage, backend: Socket, upHead: Buffer) => {
      if (finished || client.destroyed) {
        backend.destroy();
        return;
      }
      spliced = true;
      backend.setNoDelay(true);
      client.setNoDelay(true);
      client.write(responseHead(upRes, upRes.rawHeaders));
      if (upHead.length > 0) {
        stats.bytesIn(upHead.length);
        client.write(upHead);
      }
      if (head.length > 0) {
        stats.bytesOut(head.length);
        backend.write(head);
      }
      splice(ctx, client, backend, finish);
    });

    upReq.on('response', (upRes: IncomingMessage) => {
      if (current !== upReq || finished) {
        upRes.destroy();
        return;
      }
      const status = upRes.statusCode ?? 0;
      if (status < 400) {
        upRes.destroy();
        answer(`invalid upgrade response: status code ${status}`);
        return;
      }
      if (status === 401 && usedOwnAuthorization && !retried) {
        conn.invalidate();
        void conn.authHeaders().then(
          (fresh) => {
            if (finished) return upRes.destroy();
            if (fresh['Authorization'] !== credentials['Authorization']) {
              upRes.destroy();
              dial(fresh, true);
            } else {
              relayError(upRes);
            }
          },
          () => relayError(upRes),
        );
        return;
      }
      relayError(upRes);
    });
    upReq.end();
  };

  /** The apiserver's refusal, as it came (status, headers, body), then close. */
  const relayError = (upRes: IncomingMessage): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => upRes.destroy(), ERROR_BODY_DEADLINE_MS);
    let sent = false;
    const send = (): void => {
      if (sent) return;
      sent = true;
      clearTimeout(timer);
      if (client.destroyed) return;
      const body = Buffer.concat(chunks);
      const headers = relayedResponseHeaders(upRes.rawHeaders).filter((_v, i, all) => {
        const name = (i % 2 === 0 ? all[i] : all[i - 1])!.toLowerCase();
        return name !== 'content-length';
      });
      headers.push('Content-Length', String(body.length), 'Connection', 'close');
      stats.bytesIn(body.length);
      client.end(Buffer.concat([Buffer.from(responseHead(upRes, headers)), body]));
    };
    upRes.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= REPLAY_LIMIT) chunks.push(c);
      else upRes.destroy();
    });
    upRes.on('end', send);
    upRes.on('error', send);
    upRes.on('close', send);
  };

  conn.authHeaders().then(
    (credentials) => {
      if (!finished) dial(credentials, false);
    },
    (err: unknown) => {
      if (!finished) answer(proxyErrorText(err));
    },
  );
}
