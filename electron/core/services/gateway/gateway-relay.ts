// One gateway request relayed to the service through the apiserver's service proxy: the request
// as proxy/upstream-target.ts sends it (hop-by-hop headers dropped, the connection's credentials),
// the answer as proxy/response-headers.ts relays it, plus the link mapping back to `/`
// (gateway-links.ts): `Location` always, and HTML bodies (identity, gzip, deflate or br, which
// are decoded and sent identity). Everything else streams through chunk by chunk.
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { AuthHeaders } from '../../cluster/cluster-connection.ts';
import { textError, writePlain } from '../../proxy/plain-response.ts';
import { proxyErrorText } from '../../proxy/proxy-error-text.ts';
import type { RelayContext } from '../../proxy/relay-context.ts';
import { relayedResponseHeaders } from '../../proxy/response-headers.ts';
import { openUpstream, upstreamPathFor } from '../../proxy/upstream-target.ts';
import type { GatewayTarget } from './gateway-path.ts';
import { mapHtmlLinks, mapLink, type LinkMap } from './gateway-links.ts';

/** HTML larger than this is relayed as it came (unmapped) rather than held in memory. */
const HTML_LIMIT = 16 * 1024 * 1024;
const LINK_HEADERS = new Set(['location', 'content-location']);

function decode(body: Buffer, encoding: string): Buffer | undefined {
  switch (encoding) {
    case '':
    case 'identity':
      return body;
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      return undefined;
  }
}

function hasBody(req: IncomingMessage): boolean {
  const len = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (len !== undefined && len !== '0');
}

export function relayGatewayHttp(
  ctx: RelayContext,
  links: LinkMap,
  req: IncomingMessage,
  res: ServerResponse,
  target: GatewayTarget,
): void {
  const { conn, stats } = ctx;
  const path = upstreamPathFor(conn.server, target.path, target.query);
  const withBody = hasBody(req);
  const method = req.method ?? 'GET';
  let current: ClientRequest | undefined;
  let done = false;

  stats.started();
  const untrack = ctx.track({ destroy: () => (current?.destroy(), res.destroy()) });
  const finish = (): void => {
    if (done) return;
    done = true;
    untrack();
    stats.finished();
  };
  res.on('close', () => {
    if (!res.writableFinished) current?.destroy();
    finish();
  });

  const fail = (err: unknown): void => {
    if (done || res.destroyed) return;
    if (res.headersSent) return void res.destroy();
    const message = proxyErrorText(err);
    stats.error(message);
    ctx.proxyError(message);
    writePlain(res, textError(502, message));
  };

  const send = (credentials: AuthHeaders, retried: boolean): void => {
    const { upReq } = openUpstream(conn, req, { path, isUpgrade: false, credentials, connectTimeoutMs: ctx.connectTimeoutMs });
    current = upReq;
    upReq.on('error', (err) => {
      if (current === upReq) fail(err);
    });
    upReq.on('response', (upRes) => {
      if (current !== upReq || done) return void upRes.resume();
      // The browser's own Authorization never goes up, so a 401 means ours expired: refresh once.
      if (upRes.statusCode === 401 && !retried && !withBody) {
        conn.invalidate();
        void conn.authHeaders().then(
          (fresh) => {
            if (done || fresh['Authorization'] === credentials['Authorization']) return relay(upRes);
            upRes.resume();
            send(fresh, true);
          },
          () => relay(upRes),
        );
        return;
      }
      relay(upRes);
    });
    if (withBody) {
      req.on('data', (c: Buffer) => stats.bytesOut(c.length));
      req.pipe(upReq);
    } else {
      upReq.end();
    }
  };

  const relay = (upRes: IncomingMessage): void => {
    if (res.destroyed) return void upRes.destroy();
    const headers = relayedResponseHeaders(upRes.rawHeaders);
    for (let i = 0; i < headers.length; i += 2)
      if (LINK_HEADERS.has(headers[i]!.toLowerCase())) headers[i + 1] = mapLink(links, headers[i + 1]!);
    const status = upRes.statusCode ?? 502;
    upRes.on('error', () => res.destroy());
    upRes.on('aborted', () => res.destroy());
    const type = String(upRes.headers['content-type'] ?? '').toLowerCase();
    const length = Number(upRes.headers['content-length'] ?? '0');
    if (type.startsWith('text/html') && method !== 'HEAD' && status !== 204 && status !== 304 && length <= HTML_LIMIT) {
      relayHtml(upRes, status, headers);
      return;
    }
    res.writeHead(status, headers);
    if (upRes.headers['content-length'] === undefined) res.flushHeaders();
    upRes.on('data', (c: Buffer) => stats.bytesIn(c.length));
    upRes.pipe(res);
  };

  const relayHtml = (upRes: IncomingMessage, status: number, headers: string[]): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    upRes.on('data', (c: Buffer) => {
      stats.bytesIn(c.length);
      size += c.length;
      if (size > HTML_LIMIT) return void upRes.destroy();
      chunks.push(c);
    });
    upRes.on('end', () => {
      if (res.destroyed) return;
      const encoding = String(upRes.headers['content-encoding'] ?? '')
        .trim()
        .toLowerCase();
      let raw: Buffer | undefined;
      try {
        raw = decode(Buffer.concat(chunks), encoding);
      } catch {
        raw = undefined;
      }
      let body = Buffer.concat(chunks);
      let out: string[];
      if (raw !== undefined) {
        // latin1 keeps every byte as it was, whatever the page's charset (the links are ASCII).
        body = Buffer.from(mapHtmlLinks(links, raw.toString('latin1')), 'latin1');
        out = headers.filter((_v, i) => !['content-length', 'content-encoding'].includes(headers[i - (i % 2)]!.toLowerCase()));
      } else {
        out = headers.filter((_v, i) => headers[i - (i % 2)]!.toLowerCase() !== 'content-length');
      }
      res.writeHead(status, [...out, 'Content-Length', String(body.length)]);
      res.end(body);
    });
  };

  conn.authHeaders().then(
    (credentials) => {
      if (!done) send(credentials, false);
    },
    (err: unknown) => {
      if (withBody) req.resume();
      fail(err);
    },
  );
}
