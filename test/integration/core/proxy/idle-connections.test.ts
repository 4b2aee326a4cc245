// Slow clients against a real proxy (docs/security.md, H9): thousands of sockets that connect and
// send nothing, or only part of a request head, must not stop the proxy from answering a normal
// client, and each is closed once its header time is up; requests in flight (a quiet watch) and
// upgraded streams are never cut for being quiet.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { silentLogger } from '../../../../electron/core/log.ts';
import { defaultProxyOptions } from '../../../../electron/core/proxy/proxy-options.ts';
import { startProxyServer, type ProxyServer } from '../../../../electron/core/proxy/proxy-server.ts';
import { startRecordingApiserver, type RecordingApiserver } from '../../../fakes/recording-apiserver.ts';
import { probe, rawUpgrade, readBytes } from '../../../support/http-probe.ts';

let up: RecordingApiserver;
beforeAll(async () => {
  up = await startRecordingApiserver();
});
afterAll(async () => {
  await up.dispose();
});
beforeEach(() => {
  up.handle(undefined);
  up.handleUpgrade(undefined);
});

async function startProxy(idle: { timeoutMs: number; maxIdle?: number }): Promise<ProxyServer> {
  const connection = up.connection();
  const server = await startProxyServer({ connection, log: silentLogger, idle }, defaultProxyOptions({ port: 0 }));
  onTestFinished(async () => {
    await server.dispose();
    connection.dispose();
  });
  return server;
}

interface Held {
  socket: Socket;
  closed: boolean;
}

/**
 * Opens `n` sockets, 200 at a time (more at once overflow the kernel's accept queue, and a socket
 * the proxy never accepted is the kernel's to time out); odd ones send the start of a request
 * head and never finish it.
 */
async function hold(port: number, n: number, between: () => Promise<void> = async () => {}): Promise<Held[]> {
  const held: Held[] = [];
  for (let from = 0; from < n; from += 200) {
    await holdBatch(port, from, Math.min(n, from + 200), held);
    await between();
  }
  onTestFinished(() => held.forEach((h) => h.socket.destroy()));
  return held;
}

async function holdBatch(port: number, from: number, to: number, held: Held[]): Promise<void> {
  await Promise.all(
    Array.from(
      { length: to - from },
      (_, k) =>
        new Promise<void>((resolve) => {
          const h: Held = { socket: connect(port, '127.0.0.1'), closed: false };
          held.push(h);
          h.socket.on('error', () => {});
          h.socket.on('close', () => {
            h.closed = true;
            resolve();
          });
          h.socket.on('connect', () => {
            if ((from + k) % 2 === 1) h.socket.write(`GET /api/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
            resolve();
          });
        }),
    ),
  );
}

describe('slow clients (H9)', () => {
  it('keeps answering a normal client while 2,000 sockets are held open, and closes every held socket after the header timeout', async () => {
    const timeoutMs = 1_500;
    const p = await startProxy({ timeoutMs });
    const answers: Array<{ status: number; ms: number }> = [];
    const normalClient = async (): Promise<void> => {
      const t = Date.now();
      answers.push({ status: (await probe(p.port, '/api/')).status, ms: Date.now() - t });
    };
    const held = await hold(p.port, 2_000, normalClient);
    expect(held).toHaveLength(2_000);
    expect(answers).toHaveLength(10);
    for (const a of answers) expect(a).toEqual({ status: 200, ms: expect.any(Number) });
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1_000);
    // Beyond the idle cap the oldest went at once; the rest within the header timeout.
    await expect.poll(() => held.filter((h) => !h.closed).length, { timeout: timeoutMs + 3_000, interval: 100 }).toBe(0);
    expect((await probe(p.port, '/api/')).status).toBe(200);
  }, 30_000);

  it('closes a socket that trickles its request head only when its time is up, not before', async () => {
    const timeoutMs = 1_200;
    const p = await startProxy({ timeoutMs });
    const [silent, partial] = await hold(p.port, 2);
    const trickle = setInterval(() => partial!.socket.write('x'), 100);
    onTestFinished(() => clearInterval(trickle));
    await new Promise((r) => setTimeout(r, timeoutMs / 2));
    expect([silent!.closed, partial!.closed]).toEqual([false, false]);
    await expect.poll(() => [silent!.closed, partial!.closed], { timeout: timeoutMs + 2_000, interval: 50 }).toEqual([true, true]);
  });

  it('closes the oldest idle sockets beyond the cap, never a request in flight', async () => {
    const p = await startProxy({ timeoutMs: 60_000, maxIdle: 10 });
    const held = await hold(p.port, 30);
    await expect.poll(() => held.filter((h) => !h.closed).length).toBe(10);
    expect(held.slice(20).every((h) => !h.closed)).toBe(true);
  });

  it('leaves a quiet watch and a quiet upgraded stream open past the header timeout', async () => {
    const timeoutMs = 300;
    const p = await startProxy({ timeoutMs, maxIdle: 2 });
    up.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      res.write('{"type":"ADDED"}\n');
    });
    const { request } = await import('node:http');
    const watch = await new Promise<{ chunks: string[]; closed: () => boolean }>((resolve, reject) => {
      const req = request({ port: p.port, host: '127.0.0.1', path: '/api/v1/pods?watch=1', headers: { Host: 'localhost' }, agent: false });
      onTestFinished(() => void req.destroy());
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: string[] = [];
        let closed = false;
        res.on('data', (c: Buffer) => chunks.push(c.toString()));
        res.on('close', () => (closed = true));
        resolve({ chunks, closed: () => closed });
      });
      req.end();
    });
    const ws = await rawUpgrade(
      p.port,
      'GET /api/v1/namespaces/d/pods/p/portforward HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n\r\n',
    );
    onTestFinished(() => void ws.socket.destroy());
    expect(ws.head.status).toBe(101);
    // Idle sockets come and go meanwhile (the cap is 2): neither stream is counted among them.
    await hold(p.port, 5);
    await new Promise((r) => setTimeout(r, timeoutMs * 4));
    expect(watch.closed()).toBe(false);
    expect(watch.chunks.join('')).toContain('ADDED');
    ws.socket.write('still here');
    expect((await readBytes(ws.socket, 10, ws.rest)).toString()).toBe('still here');
  });
});
