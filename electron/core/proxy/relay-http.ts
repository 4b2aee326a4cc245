// docs/proxy.md, steps 4–7 for ordinary requests: forward to the apiserver on the cluster's
// keep-alive agent, relay status, headers and body chunk by chunk as they arrive (watch and
// `follow` logs reach the client at once, nothing re-encoded), answer kubectl's 500 when the
// apiserver can't be reached. A 401 to the kubeconfig's own credentials refreshes them once
// (`invalidate()`) and, when they changed and the body can be replayed, retries.
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { AuthHeaders } from '../cluster/cluster-connection.ts';
import type { RelayContext } from './relay-context.ts';
import { REPLAY_LIMIT } from './relay-context.ts';
import { textError, writePlain } from './plain-response.ts';
import { proxyErrorText } from './proxy-error-text.ts';
import { relayedResponseHeaders } from './response-headers.ts';
import { openUpstream, upstreamPathFor } from './upstream-target.ts';

export interface HttpPlan {
  upstreamPath: string;
  upstreamQuery: string;
  /** A browser navigation to an API path: its document gets an opaque origin (docs/security.md, H8). */
  sandbox?: boolean | undefined;
}

function hasBody(req: IncomingMessage): boolean {
  const len = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (len !== undefined && len !== '0');
}

export function relayHttp(ctx: RelayContext, req: IncomingMessage, res: ServerResponse, plan: HttpPlan): void {
  const { conn, stats } = ctx;
  const path = upstreamPathFor(conn.server, plan.upstreamPath, plan.upstreamQuery);
  const withBody = hasBody(req);
  const chunks: Buffer[] = [];
  let recorded = 0;
  let bodyEnded = !withBody;
  let current: ClientRequest | undefined;
  let done = false;

  stats.started();
  const untrack = ctx.track({ destroy: () => current?.destroy() });
  const finish = (): void => {
    if (done) return;
    done = true;
    untrack();
    stats.finished();
  };
  res.on('close', () => {
    // The client went away (or the response ended): stop the upstream request too (watches).
    if (!res.writableFinished) current?.destroy();
    finish();
  });

  // Attached when the body is first piped (the request stays paused until then): counts the
  // bytes and keeps a copy, up to REPLAY_LIMIT, for one retry.
  const recordBody = (): void => {
    req.on('data', (c: Buffer) => {
      stats.bytesOut(c.length);
      recorded += c.length;
      if (recorded <= REPLAY_LIMIT) chunks.push(c);
    });
    req.on('end', () => (bodyEnded = true));
  };
  const replayable = (): boolean => bodyEnded && recorded <= REPLAY_LIMIT;

  const fail = (err: unknown): void => {
    if (done || res.destroyed) return;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const message = proxyErrorText(err);
    stats.error(message);
    ctx.proxyError(message);
    writePlain(res, textError(500, message));
  };

  const send = (credentials: AuthHeaders, attempt: { auth: boolean; reset: boolean }, replay: boolean): void => {
    const { upReq, usedOwnAuthorization } = openUpstream(conn, req, {
      path,
      isUpgrade: false,
      credentials,
      connectTimeoutMs: ctx.connectTimeoutMs,
    });
    current = upReq;
    upReq.on('error', (err: NodeJS.ErrnoException) => {
      if (current !== upReq) return;
      // A keep-alive socket the apiserver closed while idle: resend once if nothing is lost.
      if (upReq.reusedSocket && !attempt.reset && (err.code === 'ECONNRESET' || err.code === 'EPIPE') && (!withBody || replayable())) {
        send(credentials, { ...attempt, reset: true }, withBody);
        return;
      }
      fail(err);
    });
    upReq.on('response', (upRes) => {
      if (current !== upReq) {
        upRes.resume();
        return;
      }
      if (upRes.statusCode === 401 && usedOwnAuthorization && !attempt.auth) {
        void refreshAfter401(credentials).then((fresh) => {
          if (current !== upReq || done) return upRes.resume();
          if (fresh && (!withBody || replayable())) {
            upRes.resume();
            send(fresh, { ...attempt, auth: true }, withBody);
          } else {
            relay(upRes);
          }
        });
        return;
      }
      relay(upRes);
    });
    if (replay) {
      upReq.end(Buffer.concat(chunks));
    } else if (withBody) {
      recordBody();
      req.pipe(upReq);
    } else {
      upReq.end();
    }
  };

  /** Drops cached credentials; resolves with fresh ones only if they differ (else: relay the 401). */
  const refreshAfter401 = async (used: AuthHeaders): Promise<AuthHeaders | undefined> => {
    conn.invalidate();
    try {
      const fresh = await conn.authHeaders();
      return fresh['Authorization'] !== used['Authorization'] ? fresh : undefined;
    } catch {
      return undefined;
    }
  };

  const relay = (upRes: IncomingMessage): void => {
    if (res.destroyed) {
      upRes.destroy();
      return;
    }
    const headers = relayedResponseHeaders(upRes.rawHeaders);
    // A same-origin page (served through a service proxy) that opens an API URL in a window could
    // otherwise read it: sandboxed, the document is another origin to it.
    if (plan.sandbox) headers.push('Content-Security-Policy', 'sandbox');
    res.writeHead(upRes.statusCode ?? 502, headers);
    let bodySeen = false;
    // A stream (watch, follow logs: no Content-Length) may stay silent for minutes: if no body
    // came with the head, send the head on its own now instead of with the first event. (When
    // the body is already here, head and body leave in one write.)
    if (upRes.headers['content-length'] === undefined) {
      setImmediate(() => {
        if (!bodySeen && !res.destroyed && !res.writableEnded) res.flushHeaders();
      });
    }
    // What `upRes.pipe(res)` does, chunk by chunk with its backpressure, but with one data
    // listener that also counts, and no pipe bookkeeping set up and torn down per request.
    upRes.on('data', (c: Buffer) => {
      bodySeen = true;
      stats.bytesIn(c.length);
      if (!res.write(c) && !res.destroyed) {
        upRes.pause();
        res.once('drain', () => upRes.resume());
      }
    });
    upRes.on('end', () => res.end());
    upRes.on('error', () => res.destroy());
    upRes.on('aborted', () => res.destroy());
  };

  conn.authHeaders().then(
    (credentials) => {
      if (!done) send(credentials, { auth: false, reset: false }, false);
    },
    (err: unknown) => {
      // A credential plugin failure is a failure before any upstream answer: 500 (docs/proxy.md, step 7).
      if (withBody) req.resume();
      fail(err);
    },
  );
}
