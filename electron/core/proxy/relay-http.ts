// docs/proxy.md, steps 4–7 for ordinary requests: forward to the apiserver through the proxy's
// pool for the cluster (upstream-pool.ts), relay status, headers and body chunk by chunk as they arrive (watch and
// `follow` logs reach the client at once, nothing re-encoded), answer kubectl's 500 when the
// apiserver can't be reached. A 401 to the kubeconfig's own credentials refreshes them once
// (`invalidate()`) and, when they changed and the body can be replayed, retries.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { AuthHeaders } from '../cluster/cluster-connection.ts';
import type { RelayContext } from './relay-context.ts';
import type { UpstreamPools } from './upstream-pool.ts';
import { REPLAY_LIMIT } from './relay-context.ts';
import { textError, writePlain } from './plain-response.ts';
import { proxyErrorText } from './proxy-error-text.ts';
import { releaseReads } from './read-buffers.ts';
import { relayedResponseHeaders } from './response-headers.ts';
import { upstreamPathFor } from './upstream-target.ts';
import { buildUpstreamHeaders } from './upstream-headers.ts';
import { brokenConnection, contentLength, forUndici, hasBody, headerStrings, replayableMethod, WHOLE_LIMIT } from './relay-http-rules.ts';

/** Ordinary requests go through the proxy's pools (upgrades through the connection's agent). */
export interface HttpRelayContext extends RelayContext {
  upstream: UpstreamPools;
}

export interface HttpPlan {
  upstreamPath: string;
  upstreamQuery: string;
  /** A browser navigation to an API path: its document gets an opaque origin (docs/security.md, H8). */
  sandbox?: boolean | undefined;
}

export function relayHttp(ctx: HttpRelayContext, req: IncomingMessage, res: ServerResponse, plan: HttpPlan): void {
  const { conn, stats } = ctx;
  const path = upstreamPathFor(conn.server, plan.upstreamPath, plan.upstreamQuery);
  const method = req.method ?? 'GET';
  const withBody = hasBody(req);
  const chunks: Buffer[] = [];
  let recorded = 0;
  let bodyEnded = !withBody;
  /** The attempt in flight (the one whose answer is relayed; earlier ones are ignored) and its controller once on a socket. */
  let attempts = 0;
  let current: Dispatcher.DispatchController | undefined;
  let done = false;

  stats.started();
  const untrack = ctx.track({ destroy: () => current?.abort(new Error('proxy stopped')) });
  const finish = (): void => {
    if (done) return;
    done = true;
    untrack();
    stats.finished();
  };
  res.on('close', () => {
    // The client went away (or the response ended): stop the upstream request too (watches).
    if (!res.writableFinished) current?.abort(new Error('client closed'));
    finish();
  });

  // The body as undici pulls it (so nothing flows before it is wanted): counted, and kept up to
  // REPLAY_LIMIT for one retry.
  async function* recordBody(): AsyncGenerator<Buffer> {
    for await (const c of req as AsyncIterable<Buffer>) {
      stats.bytesOut(c.length);
      recorded += c.length;
      if (recorded <= REPLAY_LIMIT) chunks.push(c);
      yield c;
    }
    bodyEnded = true;
  }
  const replayable = (): boolean => bodyEnded && recorded <= REPLAY_LIMIT;

  const fail = (err: unknown): void => {
    if (done || res.destroyed) return;
    if (res.headersSent || held) {
      res.destroy();
      return;
    }
    const message = proxyErrorText(err);
    stats.error(message);
    ctx.proxyError(message);
    writePlain(res, textError(500, message));
  };

  const send = (credentials: AuthHeaders, attempt: { auth: boolean; reset: boolean }, replay: boolean): void => {
    const { headers, usedOwnAuthorization } = buildUpstreamHeaders({
      method,
      rawHeaders: req.rawHeaders,
      isUpgrade: false,
      apiHost: conn.server.host,
      clientAddress: req.socket.remoteAddress,
      credentials,
    });
    const body = replay ? Buffer.concat(chunks) : withBody ? Readable.from(recordBody(), { objectMode: false }) : null;
    const id = ++attempts;
    current = undefined;
    let answered = false;
    /** A 401 being replaced by a retry: its body is dropped. */
    let discard = false;
    const mine = (): boolean => attempts === id && !done;

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart: (c) => {
        if (mine()) current = c;
        else c.abort(new Error('superseded'));
      },
      onResponseStart: (c, statusCode) => {
        answered = true;
        if (!mine()) return void (discard = true);
        if (statusCode === 401 && usedOwnAuthorization && !attempt.auth) {
          c.pause();
          void refreshAfter401(credentials).then((fresh) => {
            if (!mine()) return;
            if (fresh && (!withBody || replayable())) {
              discard = true;
              c.resume();
              send(fresh, { ...attempt, auth: true }, withBody);
            } else {
              relayHead(c, statusCode);
              c.resume();
            }
          });
          return;
        }
        relayHead(c, statusCode);
      },
      onResponseData: (c, chunk) => {
        if (discard || !mine()) return;
        relayData(c, chunk);
      },
      onResponseEnd: () => {
        if (discard || !mine()) return;
        if (held && !res.destroyed) {
          res.writeHead(held.status, held.headers);
          // Corked: head and chunks leave in one writev, without copying them into one buffer
          // (a fresh 16 KiB buffer per answer is garbage the collector pays for).
          res.cork();
          for (const c of held.chunks) res.write(c);
          const { chunks, raw } = held;
          // Once written, the answer's reads are freed (read-buffers.ts): by then undici has
          // returned from parsing them, and only this exchange held views of them.
          res.end(() => {
            releaseReads(chunks);
            if (Array.isArray(raw)) releaseReads(raw);
          });
          res.uncork();
        } else {
          res.end();
        }
      },
      onResponseError: (_c, err: NodeJS.ErrnoException) => {
        if (discard || !mine()) return;
        // A keep-alive connection that broke before any answer: once more on another, if nothing is lost.
        if (!answered && !attempt.reset && brokenConnection(err) && (withBody ? replayable() : replayableMethod(req))) {
          send(credentials, { ...attempt, reset: true }, withBody);
          return;
        }
        fail(err);
      },
    };
    try {
      ctx.upstream.poolFor(conn).dispatch({ origin: conn.server.origin, path, method, headers: forUndici(headers), body }, handler);
    } catch (err) {
      fail(err);
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

  let bodySeen = false;
  /** A small answer being gathered (WHOLE_LIMIT). */
  let held: { status: number; headers: string[]; chunks: Buffer[]; raw: Dispatcher.DispatchController['rawHeaders'] } | undefined;
  const relayHead = (c: Dispatcher.DispatchController, statusCode: number): void => {
    if (res.destroyed) {
      c.abort(new Error('client closed'));
      return;
    }
    const raw = headerStrings(c.rawHeaders);
    const headers = relayedResponseHeaders(raw);
    // A same-origin page (served through a service proxy) that opens an API URL in a window could
    // otherwise read it: sandboxed, the document is another origin to it.
    if (plan.sandbox) headers.push('Content-Security-Policy', 'sandbox');
    const length = contentLength(raw);
    if (length >= 0 && length <= WHOLE_LIMIT) {
      held = { status: statusCode, headers, chunks: [], raw: c.rawHeaders };
      return;
    }
    res.writeHead(statusCode, headers);
    // A stream (watch, follow logs: no Content-Length) may stay silent for minutes: if no body
    // came with the head, send the head on its own now instead of with the first event. (When
    // the body is already here, head and body leave in one write.)
    if (length < 0) {
      setImmediate(() => {
        if (!bodySeen && !res.destroyed && !res.writableEnded) res.flushHeaders();
      });
    }
  };

  // Chunks leave as they arrive, with `pipe()`'s backpressure: a full client socket pauses the
  // apiserver's answer until it drains.
  const relayData = (c: Dispatcher.DispatchController, chunk: Buffer): void => {
    bodySeen = true;
    stats.bytesIn(chunk.length);
    if (held) return void held.chunks.push(chunk);
    if (!res.write(chunk) && !res.destroyed) {
      c.pause();
      res.once('drain', () => c.resume());
    }
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
