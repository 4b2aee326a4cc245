// docs/proxy.md, step 6: the proxy relays an answer chunk by chunk and never reads the apiserver
// faster than its client reads the proxy, so a slow client of a huge list or log costs the proxy
// no memory. A real apiserver over TLS, a real client that stops reading, byte-exact at the end.
import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../../../electron/core/log.ts';
import { defaultProxyOptions } from '../../../../electron/core/proxy/proxy-options.ts';
import { startProxyServer, type ProxyServer } from '../../../../electron/core/proxy/proxy-server.ts';
import { startRecordingApiserver, type RecordingApiserver, type TestConnection } from '../../../fakes/recording-apiserver.ts';

const MIB = 1024 * 1024;
/** Far more than every socket buffer on the way can hold (loopback autotuning reaches tens of MiB). */
const TOTAL = 192 * MIB;
const CHUNK = 64 * 1024;

let up: RecordingApiserver;
let conn: TestConnection;
let proxy: ProxyServer;
/** Bytes the apiserver has handed to its socket so far. */
let written = 0;

/** Byte i of the body is i mod 251, so any lost, doubled or reordered chunk shows. */
function chunkAt(offset: number): Buffer {
  const b = Buffer.allocUnsafe(CHUNK);
  for (let i = 0; i < CHUNK; i++) b[i] = (offset + i) % 251;
  return b;
}

beforeAll(async () => {
  up = await startRecordingApiserver();
  up.handle((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': TOTAL });
    const pump = (): void => {
      while (written < TOTAL) {
        const ok = res.write(chunkAt(written));
        written += CHUNK;
        if (!ok) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  conn = up.connection();
  proxy = await startProxyServer({ connection: conn, log: silentLogger }, defaultProxyOptions({ port: 0 }));
});

afterAll(async () => {
  await proxy.dispose();
  conn.dispose();
  await up.dispose();
});

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 100));
}

it('stops reading the apiserver while its client reads nothing, then relays every byte in order', async () => {
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: proxy.port, path: '/api/v1/big', headers: { Host: `127.0.0.1:${proxy.port}` } });
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
  expect(res.statusCode).toBe(200);

  // The client reads nothing: the apiserver's writes must stall once the buffers on the way are full.
  let last = -1;
  let still = 0;
  await until(() => {
    still = written === last ? still + 1 : 0;
    last = written;
    return still >= 5;
  });
  expect(written).toBeLessThan(TOTAL / 2);

  let received = 0;
  let corrupt = -1;
  await new Promise<void>((resolve, reject) => {
    res.on('data', (c: Buffer) => {
      for (let i = 0; i < c.length; i++) if (corrupt < 0 && c[i] !== (received + i) % 251) corrupt = received + i;
      received += c.length;
    });
    res.on('end', resolve);
    res.on('error', reject);
  });
  expect(corrupt).toBe(-1);
  expect(received).toBe(TOTAL);
}, 60_000);
