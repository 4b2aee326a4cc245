// The renderer is served from app://kubedesk/ instead of file:// (Electron's security checklist,
// item 18, "Use a custom protocol instead of file://"; docs/desktop.md, Hardening): a file:// page
// may read any file:// URL, app:// serves only the built renderer, with the CSP as a response header.
// The handler is a fetch-style (Request) => Response, the shape protocol.handle takes, so tests call
// it directly.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { contentTypeOf, staticFileFor } from '../core/http/static-files.ts';

export const APP_SCHEME = 'app';
const APP_HOST = 'kubedesk';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** For protocol.registerSchemesAsPrivileged, before `ready`: a secure, standard origin; no CSP bypass. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    bypassCSP: false,
    corsEnabled: false,
    allowServiceWorkers: false,
    stream: false,
  },
};

/**
 * The window's CSP. The renderer talks to main over IPC only, so nothing connects anywhere (no ws:,
 * no remote origin); renderer/index.html's meta tag carries the same sources (a test compares them).
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const HEADERS = { 'Content-Security-Policy': APP_CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The file under `root` a URL names, or null when it is another host, malformed or outside the root. */
function appFileFor(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  return staticFileFor(root, parsed.pathname);
}

/** protocol.handle(APP_SCHEME, …): GET and HEAD of the built renderer's files, nothing else. */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const base = resolve(root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed');
    const file = appFileFor(base, request.url);
    if (file === null) return plain(404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return plain(404, 'Not found');
    }
    const headers = { ...HEADERS, 'Content-Type': contentTypeOf(file) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
