// The proxy's own answers (refusals, redirects, errors), written as Go's net/http writes them
// (http.Error, http.NotFound, http.Redirect), to a ServerResponse or, for upgrade requests, to
// the raw socket.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const STATUS_TEXT: Record<number, string> = {
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
};

/** Go's http.Error: text/plain, nosniff, the message and a newline. */
export function textError(status: number, message: string): PlainResponse {
  return {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
    body: `${message}\n`,
  };
}

export const forbidden = (): PlainResponse => textError(403, 'Forbidden');
export const unauthorized = (): PlainResponse => textError(401, 'Unauthorized');
export const notFound = (): PlainResponse => textError(404, '404 page not found');

/** What Go's server answers to a request it cannot parse. */
export function badRequest(): PlainResponse {
  return { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }, body: '400 Bad Request' };
}

function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!);
}

/** Go's http.Redirect: an HTML body for GET only, the content type for GET and HEAD. */
export function redirect(status: 301 | 302, location: string, method: string, extra: Record<string, string> = {}): PlainResponse {
  const headers: Record<string, string> = { Location: location, ...extra };
  if (method === 'GET' || method === 'HEAD') headers['Content-Type'] = 'text/html; charset=utf-8';
  const body = method === 'GET' ? `<a href="${htmlEscape(location)}">${STATUS_TEXT[status]}</a>.\n\n` : '';
  return { status, headers, body };
}

/**
 * A page that sets `extra` headers (a cookie) and navigates on to `location` by itself: the next
 * request is then the proxy's own page navigating (`Sec-Fetch-Site: same-origin`), not a redirect
 * that keeps the first request's site.
 */
export function refreshPage(location: string, extra: Record<string, string> = {}): PlainResponse {
  const href = htmlEscape(location);
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      ...extra,
    },
    body: `<!doctype html><meta http-equiv="refresh" content="0; url=${href}"><a href="${href}">Continue</a>\n`,
  };
}

export function writePlain(res: ServerResponse, r: PlainResponse): void {
  const body = Buffer.from(r.body);
  res.writeHead(r.status, { ...r.headers, 'Content-Length': String(body.length) });
  res.end(body);
}

/** For upgrade requests, whose socket is ours: the answer, then close. */
export function writePlainToSocket(socket: Socket, r: PlainResponse): void {
  const body = Buffer.from(r.body);
  const lines = [`HTTP/1.1 ${r.status} ${STATUS_TEXT[r.status] ?? 'Error'}`];
  for (const [k, v] of Object.entries(r.headers)) if (k.toLowerCase() !== 'connection') lines.push(`${k}: ${v}`);
  lines.push(`Content-Length: ${body.length}`, 'Connection: close', '', '');
  if (socket.writable) socket.end(Buffer.concat([Buffer.from(lines.join('\r\n')), body]));
  else socket.destroy();
}
