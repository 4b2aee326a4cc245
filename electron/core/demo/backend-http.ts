// What the demo pods' HTTP stand-ins share (docs/demo-cluster.md: small local servers on
// 127.0.0.1 play the containers): whole responses with a Content-Length, bounded request
// bodies, HTML escaping, and `/bytes`, a download whose every byte a test can check.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const MAX_BYTES = 64 * 1024 * 1024;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function send(res: ServerResponse, code: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(code, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** `GET /bytes?n=N`: N bytes of a repeating, checkable pattern (byte i = i mod 251). */
export function sendBytes(res: ServerResponse, url: URL): void {
  const n = Math.min(Math.max(0, Number(url.searchParams.get('n') ?? '1024') || 0), MAX_BYTES);
  const buf = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) buf[i] = i % 251;
  send(res, 200, 'application/octet-stream', buf);
}
