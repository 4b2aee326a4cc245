// docs/proxy.md, Memory: a small answer's reads (read-buffers.ts) are freed once the proxy has
// written them to the client, with every byte delivered; an answer sent on as it arrives (a
// stream, or one larger than the proxy holds whole) is left to V8. A real TLS apiserver, the real
// proxy; a spy on ServerResponse#write records the buffers the proxy wrote, and calls through.
import { ServerResponse, request, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../electron/core/log.ts';
import { defaultProxyOptions } from '../../../../electron/core/proxy/proxy-options.ts';
import { startProxyServer, type ProxyServer } from '../../../../electron/core/proxy/proxy-server.ts';
import { startRecordingApiserver, type RecordingApiserver } from '../../../fakes/recording-apiserver.ts';

let up: RecordingApiserver;
let proxy: ProxyServer | undefined;

beforeAll(async () => {
  up = await startRecordingApiserver();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await proxy?.dispose();
  proxy = undefined;
  up.handle(undefined);
});
afterAll(() => up.dispose());

const freed = (b: Buffer): boolean => (b.buffer as ArrayBuffer & { readonly detached: boolean }).detached;

/** Bytes that differ from place to place, so a freed or reused buffer would show. */
function pattern(n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + 7) % 251;
  return b;
}

/** The buffers the proxy writes to its clients, as they were when written (a copy) and the objects themselves. */
function recordWrites(): { written: Buffer[]; copies: Buffer[] } {
  const seen = { written: [] as Buffer[], copies: [] as Buffer[] };
  const write = ServerResponse.prototype.write;
  vi.spyOn(ServerResponse.prototype, 'write').mockImplementation(function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (Buffer.isBuffer(chunk) && chunk.length > 0) {
      seen.written.push(chunk);
      seen.copies.push(Buffer.from(chunk));
    }
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  });
  return seen;
}

function get(port: number, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}` } }, (res: IncomingMessage) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(parts)) : reject(new Error(`HTTP ${res.statusCode}`))));
    })
      .on('error', reject)
      .end();
  });
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await sleep(10);
}

describe("the apiserver's reads, once written to the client", () => {
  it('a small answer (Content-Length up to 64 KiB, several TLS records) is delivered whole and its reads are freed', async () => {
    proxy = await startProxyServer({ connection: up.connection(), log: silentLogger }, defaultProxyOptions({ port: 0 }));
    const body = pattern(40 * 1024);
    up.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      res.end(body);
    });
    const seen = recordWrites();
    for (let round = 0; round < 3; round++) expect((await get(proxy.port, '/api/v1/pods')).equals(body)).toBe(true);
    expect(Buffer.concat(seen.copies).equals(Buffer.concat([body, body, body]))).toBe(true);
    await until(() => seen.written.every(freed));
    expect(seen.written.filter(freed).length).toBe(seen.written.length);
  });

  it.each([
    ['a chunked answer (a watch or a log)', 32 * 1024, false],
    ['an answer larger than 64 KiB', 256 * 1024, true],
  ])('%s goes on as it arrives and is left to V8', async (_name, size, withLength) => {
    proxy = await startProxyServer({ connection: up.connection(), log: silentLogger }, defaultProxyOptions({ port: 0 }));
    const body = pattern(size);
    up.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain', ...(withLength ? { 'Content-Length': size } : {}) });
      res.end(body);
    });
    const seen = recordWrites();
    expect((await get(proxy.port, '/api/v1/pods')).equals(body)).toBe(true);
    await sleep(50);
    expect(seen.written.length).toBeGreaterThan(0);
    expect(seen.written.some(freed)).toBe(false);
  });
});
