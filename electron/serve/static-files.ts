// Serves the built renderer (out/renderer) read-only; never lists folders or leaves the root
// (the rule lives in core/http/static-files.ts, shared with the app's app:// protocol).
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { contentTypeOf, staticFileFor } from '../core/http/static-files.ts';

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
}

export async function serveStatic(root: string, urlPath: string, res: ServerResponse, headOnly: boolean): Promise<void> {
  const file = staticFileFor(root, urlPath);
  if (file === null) return notFound(res);
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return notFound(res);
  }
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  res.end(headOnly ? undefined : body);
}
