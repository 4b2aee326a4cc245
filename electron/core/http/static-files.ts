// Serving the built renderer's files, one rule for both places that do it: serve mode's HTTP server
// (electron/serve/static-files.ts) and the desktop app's app:// protocol (electron/main/app-protocol.ts).
// A path is decoded once, never names a folder listing, and never leaves the root
// (docs/security.md, Serve mode).
import { extname, isAbsolute, relative, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function contentTypeOf(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/**
 * The file under `root` a URL path (still percent-encoded) names, `index.html` for a folder; null
 * when it is malformed, holds a NUL or a backslash, or leads outside the root.
 */
export function staticFileFor(root: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '' || path.endsWith('/')) path += 'index.html';
  const base = resolve(root);
  const file = resolve(base, `.${path.startsWith('/') ? '' : '/'}${path}`);
  const rel = relative(base, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}
