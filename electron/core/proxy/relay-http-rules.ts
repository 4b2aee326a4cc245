// The rules relay-http.ts applies to one exchange, kept apart so they read (and test) on their
// own: whether a request has a body, which requests may be sent again after a broken connection
// (as Go's transport decides), and how an upstream answer's head is read and sent on.
import type { IncomingMessage } from 'node:http';
import type { Dispatcher } from 'undici';

export function hasBody(req: IncomingMessage): boolean {
  const len = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (len !== undefined && len !== '0');
}

/**
 * Requests Go's transport sends again after a connection failed before any answer
 * (`Request.isReplayable`, net/http/request.go): the safe methods, or one carrying an idempotency key.
 */
export function replayableMethod(req: IncomingMessage): boolean {
  const m = req.method;
  return (
    m === 'GET' ||
    m === 'HEAD' ||
    m === 'OPTIONS' ||
    m === 'TRACE' ||
    req.headers['idempotency-key'] !== undefined ||
    req.headers['x-idempotency-key'] !== undefined
  );
}

/** A connection that broke under a request (the apiserver closed a keep-alive socket as it was reused). */
export function brokenConnection(err: NodeJS.ErrnoException): boolean {
  return err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.code === 'UND_ERR_SOCKET';
}

/** undici's raw header pairs as the strings `writeHead` takes (latin1, as Node's parser reads them). */
export function headerStrings(raw: Dispatcher.DispatchController['rawHeaders']): string[] {
  // Always the raw pairs for an HTTP/1.1 answer (undici's Request.onResponseStart).
  if (!Array.isArray(raw)) return [];
  const out: string[] = new Array<string>(raw.length);
  for (let i = 0; i < out.length; i++) {
    const v = raw[i]!;
    out[i] = typeof v === 'string' ? v : v.toString('latin1');
  }
  return out;
}

/** The answer's Content-Length, or -1 when it has none (a stream, or chunked). */
export function contentLength(raw: readonly string[]): number {
  for (let i = 0; i < raw.length; i += 2)
    if (raw[i]!.length === 14 && raw[i]!.toLowerCase() === 'content-length') return Number(raw[i + 1]);
  return -1;
}

/**
 * Answers up to this size with a Content-Length are sent when complete, head and body in one
 * write: one system call and one wake-up of the client instead of one per TLS record, for the
 * small GETs most clients make. Go's server, too, holds what a handler writes in a buffer until
 * it fills (net/http `bufferBeforeChunkingSize`, `bufio.Writer`); larger answers and streams
 * leave chunk by chunk.
 */
export const WHOLE_LIMIT = 64 * 1024;

/** Headers undici frames or refuses itself: it sets framing from the body it is given. */
export function forUndici(headers: string[]): string[] {
  for (let i = headers.length - 2; i >= 0; i -= 2) if (headers[i]!.toLowerCase() === 'transfer-encoding') headers.splice(i, 2);
  return headers;
}
