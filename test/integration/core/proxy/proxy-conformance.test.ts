// docs/proxy.md and docs/conformance.md, cases 3–23 against a recording fake apiserver ("upstream") over real TLS:
// each case asserts the status, headers and body the client got, and what the apiserver saw.
import { once } from 'node:events';
import { mkdtempSync, statSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../../../../electron/core/log.ts';
import { defaultProxyOptions, type ProxyOptions } from '../../../../electron/core/proxy/proxy-options.ts';
import { startProxyServer, type ProxyServer } from '../../../../electron/core/proxy/proxy-server.ts';
import { newLaunchToken } from '../../../../electron/core/security/launch-token.ts';
import {
  KUBECONFIG_TOKEN,
  startRecordingApiserver,
  type RecordingApiserver,
  type TestConnection,
} from '../../../fakes/recording-apiserver.ts';
import { probe, rawRequest, rawUpgrade, readBytes } from '../../../support/http-probe.ts';

let up: RecordingApiserver;
beforeAll(async () => {
  up = await startRecordingApiserver();
});
afterAll(async () => {
  await up.dispose();
});
beforeEach(() => {
  up.requests.length = 0;
  up.handle(undefined);
  up.handleUpgrade(undefined);
});

interface Running {
  port: number;
  server: ProxyServer;
  conn: TestConnection;
  errors: string[];
}

async function startProxy(opts: Partial<ProxyOptions> = {}, conn?: TestConnection): Promise<Running> {
  const connection = conn ?? up.connection();
  const errors: string[] = [];
  const server = await startProxyServer(
    { connection, log: silentLogger, onProxyError: (l) => errors.push(l) },
    defaultProxyOptions({ port: 0, ...opts }),
  );
  onTestFinished(async () => {
    await server.dispose();
    connection.dispose();
  });
  return { port: server.port, server, conn: connection, errors };
}

const FORBIDDEN = {
  status: 403,
  contentType: 'text/plain; charset=utf-8',
  body: 'Forbidden\n',
};

function expectForbidden(r: { status: number; headers: Record<string, unknown>; body: string }): void {
  expect(r.status).toBe(FORBIDDEN.status);
  expect(r.headers['content-type']).toBe(FORBIDDEN.contentType);
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  expect(r.body).toBe(FORBIDDEN.body);
}

type WsResult =
  { open: true; ws: WebSocket; protocol: string } | { open: false; status: number; body: string; headers: Record<string, unknown> };

function wsConnect(url: string, protocols: string[], headers: Record<string, string>): Promise<WsResult> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers, perMessageDeflate: false });
    ws.on('open', () => {
      onTestFinished(() => ws.terminate());
      resolve({ open: true, ws, protocol: ws.protocol });
    });
    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ open: false, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }),
      );
    });
    ws.on('error', (err) => reject(err));
  });
}

function nextMessage(ws: WebSocket): Promise<Buffer> {
  return new Promise((resolve) => ws.once('message', (d: Buffer) => resolve(d)));
}

describe('kubedesk proxy conformance (docs/proxy.md, docs/conformance.md)', () => {
  describe('relaying (docs/proxy.md, steps 4-7)', () => {
    it('relays the apiserver status, headers and body for GET /api/ with a loopback Host (conformance case 3)', async () => {
      const p = await startProxy();
      up.handle((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Audit-Id': 'abc', 'Content-Length': '24' });
        res.end('{"kind":"APIVersions"}\n\n');
      });
      const r = await probe(p.port, '/api/', { headers: { Host: '127.0.0.1:8001' } });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['audit-id']).toBe('abc');
      expect(r.headers['content-length']).toBe('24');
      expect(r.body).toBe('{"kind":"APIVersions"}\n\n');
      expect(up.requests).toHaveLength(1);
      expect(up.requests[0]!.url).toBe('/api/');
    });

    it('relays apiserver Status errors unchanged (docs/proxy.md, step 7)', async () => {
      const p = await startProxy();
      const status = JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'NotFound',
        code: 404,
        message: 'pods "x" not found',
      });
      up.handle((_req, res) => {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(status);
      });
      const r = await probe(p.port, '/api/v1/namespaces/d/pods/x');
      expect(r.status).toBe(404);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.body).toBe(status);
    });

    it("passes the client's own Authorization unchanged, else adds the kubeconfig's; Host = apiserver (conformance case 14)", async () => {
      const p = await startProxy();
      const mine = await probe(p.port, '/api/v1/pods', { headers: { Authorization: 'Bearer X' } });
      const theirs = await probe(p.port, '/api/v1/pods');
      expect([mine.status, theirs.status]).toEqual([200, 200]);
      expect(JSON.parse(mine.body)).toEqual({ kind: 'Echo', method: 'GET', url: '/api/v1/pods' });
      expect(up.requests.map((r) => r.headers.authorization)).toEqual(['Bearer X', `Bearer ${KUBECONFIG_TOKEN}`]);
      expect(up.requests.map((r) => r.headers.host)).toEqual([`127.0.0.1:${up.port}`, `127.0.0.1:${up.port}`]);
      expect(up.requests[0]!.rawHeaders.filter((h) => h.toLowerCase() === 'authorization')).toHaveLength(1);
    });

    it('keeps the server URL path: /api/v1/pods → /k8s/clusters/c1/api/v1/pods (conformance case 15)', async () => {
      const p = await startProxy({}, up.connection({ path: '/k8s/clusters/c1' }));
      const r = await probe(p.port, '/api/v1/pods?limit=1');
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body).url).toBe('/k8s/clusters/c1/api/v1/pods?limit=1');
    });

    it('forwards the raw query and path encoding as sent, and X-Forwarded-For', async () => {
      const p = await startProxy();
      const r = await probe(p.port, '/api/v1/namespaces/d/pods?labelSelector=app%3Dweb%2Ctier+in+(a)&watch=1&x', {
        headers: { 'X-Forwarded-For': '10.9.9.9' },
      });
      expect(r.status).toBe(200);
      expect(up.requests[0]!.url).toBe('/api/v1/namespaces/d/pods?labelSelector=app%3Dweb%2Ctier+in+(a)&watch=1&x');
      expect(up.requests[0]!.headers['x-forwarded-for']).toBe('10.9.9.9, 127.0.0.1');
    });

    it('drops hop-by-hop request headers, keeps end-to-end ones', async () => {
      const p = await startProxy();
      await probe(p.port, '/api/', {
        headers: { Connection: 'keep-alive, X-Hop', 'X-Hop': '1', 'Keep-Alive': 'timeout=5', 'X-End': '2', Accept: 'application/json' },
      });
      const h = up.requests[0]!.headers;
      expect(h['x-hop']).toBeUndefined();
      expect(h['keep-alive']).toBeUndefined();
      expect(h['x-end']).toBe('2');
      expect(h.accept).toBe('application/json');
    });

    it('streams a 4 MiB POST body to the apiserver byte for byte', async () => {
      const p = await startProxy();
      const body = Buffer.alloc(4 * 1024 * 1024, 'k');
      up.handle((_req, res, b) => {
        res.writeHead(201, { 'Content-Type': 'text/plain' });
        res.end(`got ${b.length}`);
      });
      const r = await probe(p.port, '/api/v1/namespaces/d/configmaps', {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json' },
      });
      expect(r.status).toBe(201);
      expect(r.headers['content-type']).toBe('text/plain');
      expect(r.body).toBe(`got ${body.length}`);
      expect(up.requests[0]!.body.equals(body)).toBe(true);
      expect(p.server.stats().bytesOut).toBe(body.length);
    });

    it('streams a chunked POST body (no Content-Length) to the apiserver intact', async () => {
      const p = await startProxy();
      up.handle((req, res, b) => {
        res.writeHead(201, { 'Content-Type': 'text/plain' });
        res.end(`${req.headers['transfer-encoding']} ${req.headers['content-length'] ?? '-'} ${b.toString()}`);
      });
      const { request } = await import('node:http');
      const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({
          host: '127.0.0.1',
          port: p.port,
          method: 'POST',
          path: '/api/v1/namespaces/d/configmaps',
          headers: { Host: 'localhost' },
          agent: false,
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.write('{"a":');
        setTimeout(() => req.end('1}'), 20);
      });
      expect(r.status).toBe(201);
      expect(r.body).toBe('chunked - {"a":1}');
    });

    it('answers HEAD with the headers only', async () => {
      const p = await startProxy();
      up.handle((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
        res.end();
      });
      const r = await probe(p.port, '/api/', { method: 'HEAD' });
      expect(r.status).toBe(200);
      expect(r.headers['content-length']).toBe('100');
      expect(r.body).toBe('');
    });

    it('strips Access-Control-Allow-* from apiserver answers (docs/security.md, H5)', async () => {
      const p = await startProxy();
      up.handle((_req, res) => {
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Allow-Private-Network': 'true',
          'Access-Control-Allow-Headers': 'Authorization',
        });
        res.end('{}');
      });
      const r = await probe(p.port, '/api/');
      expect(r.status).toBe(200);
      expect(Object.keys(r.headers).filter((k) => k.startsWith('access-control-'))).toEqual([]);
      expect(r.body).toBe('{}');
    });

    it('delivers a watch event at once while the apiserver keeps the stream open (conformance case 16)', async () => {
      const p = await startProxy();
      const upstreamClosed = new Promise<void>((resolve) =>
        up.handle((_req, res) => {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
          res.write('{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"p"}}}\n');
          res.on('close', () => resolve());
          // …then idle for 10 s.
          setTimeout(() => res.end(), 10_000).unref();
        }),
      );
      const started = Date.now();
      const { request } = await import('node:http');
      const got = await new Promise<{
        status: number;
        first: string;
        ms: number;
        headers: Record<string, unknown>;
        req: ReturnType<typeof request>;
      }>((resolve, reject) => {
        const req = request({
          port: p.port,
          host: '127.0.0.1',
          path: '/api/v1/pods?watch=1',
          headers: { Host: 'localhost' },
          agent: false,
        });
        req.on('error', reject);
        req.on('response', (res) => {
          res.once('data', (c: Buffer) =>
            resolve({ status: res.statusCode ?? 0, first: c.toString(), ms: Date.now() - started, headers: res.headers, req }),
          );
        });
        req.end();
      });
      expect(got.status).toBe(200);
      expect(got.headers['transfer-encoding']).toBe('chunked');
      expect(got.headers['content-type']).toBe('application/json');
      expect(got.first).toBe('{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"p"}}}\n');
      expect(got.ms).toBeLessThan(500);
      expect(p.server.stats().active).toBe(1);
      // The client leaving ends the watch at the apiserver too.
      got.req.destroy();
      await upstreamClosed;
      await expect.poll(() => p.server.stats().active).toBe(0);
    });

    it('cuts the client response when the apiserver dies mid-stream', async () => {
      const p = await startProxy();
      up.handle((req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"type":"ADDED"}\n');
        setTimeout(() => req.socket.destroy(), 50);
      });
      const { request } = await import('node:http');
      const outcome = await new Promise<string>((resolve) => {
        const req = request({
          port: p.port,
          host: '127.0.0.1',
          path: '/api/v1/pods?watch=1',
          headers: { Host: 'localhost' },
          agent: false,
        });
        req.on('response', (res) => {
          res.on('data', () => {});
          res.on('aborted', () => resolve('aborted'));
          res.on('error', () => resolve('aborted'));
          res.on('end', () => resolve('ended'));
        });
        req.on('error', () => resolve('aborted'));
        req.end();
      });
      expect(outcome).toBe('aborted');
    });

    it('answers 500 with the error text when the apiserver port is closed, quickly (conformance case 17)', async () => {
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const deadPort = (closed.address() as { port: number }).port;
      await new Promise<void>((r) => closed.close(() => r()));
      const conn = up.connection();
      Object.defineProperty(conn, 'server', { value: new URL(`https://127.0.0.1:${deadPort}`) });
      const p = await startProxy({}, conn);
      const started = Date.now();
      const r = await probe(p.port, '/api/v1/pods');
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(r.status).toBe(500);
      expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.body).toBe(`connect ECONNREFUSED 127.0.0.1:${deadPort}\n`);
      expect(p.errors).toEqual([`Error while proxying request: connect ECONNREFUSED 127.0.0.1:${deadPort}`]);
      expect(p.server.stats().lastError?.message).toBe(`connect ECONNREFUSED 127.0.0.1:${deadPort}`);
    });

    it('answers 500 with the text when the credential plugin fails (docs/proxy.md, step 7)', async () => {
      const conn = up.connection({
        authHeaders: async () => {
          throw new Error('exec: executable aws not found');
        },
      });
      const p = await startProxy({}, conn);
      const r = await probe(p.port, '/api/', { method: 'POST', body: 'x' });
      expect(r.status).toBe(500);
      expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(r.body).toBe('exec: executable aws not found\n');
      expect(up.requests).toHaveLength(0);
    });

    it('reuses keep-alive connections to the apiserver across requests (one agent per cluster)', async () => {
      const p = await startProxy();
      const before = up.connections();
      for (let i = 0; i < 20; i++) expect((await probe(p.port, `/api/?i=${i}`)).status).toBe(200);
      expect(up.connections() - before).toBeLessThanOrEqual(2);
      expect(p.server.stats().requests).toBe(20);
    });
  });

  describe('credential refresh (conformance case 53)', () => {
    it('on a 401 refreshes the credentials once and retries, replaying the body', async () => {
      let generation = 1;
      const conn = up.connection({ token: () => `gen-${generation}` });
      const realInvalidate = conn.invalidate;
      conn.invalidate = () => {
        realInvalidate();
        generation++;
      };
      const p = await startProxy({}, conn);
      up.handle((req, res, body) => {
        const ok = req.headers.authorization === 'Bearer gen-2';
        res.writeHead(ok ? 201 : 401, { 'Content-Type': 'application/json' });
        res.end(ok ? `{"body":${JSON.stringify(body.toString())}}` : '{"kind":"Status","code":401}');
      });
      const r = await probe(p.port, '/api/v1/namespaces/d/configmaps', { method: 'POST', body: '{"a":1}' });
      expect(r.status).toBe(201);
      expect(r.headers['content-type']).toBe('application/json');
      expect(JSON.parse(r.body)).toEqual({ body: '{"a":1}' });
      expect(up.requests.map((q) => q.headers.authorization)).toEqual(['Bearer gen-1', 'Bearer gen-2']);
      expect(conn.invalidations).toBe(1);
    });

    it('relays the 401 when refreshing changes nothing, and never retries a client-supplied Authorization', async () => {
      const p = await startProxy();
      up.handle((_req, res) => {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end('{"kind":"Status","reason":"Unauthorized","code":401}');
      });
      const own = await probe(p.port, '/api/');
      expect(own.status).toBe(401);
      expect(own.body).toBe('{"kind":"Status","reason":"Unauthorized","code":401}');
      expect(p.conn.invalidations).toBe(1);
      const theirs = await probe(p.port, '/api/', { headers: { Authorization: 'Bearer mine' } });
      expect(theirs.status).toBe(401);
      expect(p.conn.invalidations).toBe(1);
      expect(up.requests).toHaveLength(2);
    });
  });

  describe('Host and filter (docs/proxy.md, step 3; docs/security.md, H2)', () => {
    it('refuses Host evil.example:8001 with 403 Forbidden and never calls the apiserver (conformance case 4)', async () => {
      const p = await startProxy();
      expectForbidden(await probe(p.port, '/api/', { headers: { Host: 'evil.example:8001' } }));
      expect(up.requests).toHaveLength(0);
      expect(p.server.stats().refused).toBe(1);
    });

    it('refuses Host localhost.evil.com (conformance case 5)', async () => {
      const p = await startProxy();
      expectForbidden(await probe(p.port, '/api/', { headers: { Host: 'localhost.evil.com' } }));
      expect(up.requests).toHaveLength(0);
    });

    it('refuses HTTP/1.0 without a Host header (conformance case 5)', async () => {
      const p = await startProxy();
      const r = await rawRequest(p.port, 'GET /api/ HTTP/1.0\r\n\r\n');
      expectForbidden(r);
      expect(up.requests).toHaveLength(0);
    });

    it('forwards Host [::1]:8001, which kubectl refuses (conformance case 6)', async () => {
      const p = await startProxy();
      const r = await probe(p.port, '/api/', { headers: { Host: '[::1]:8001' } });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/json');
      expect(JSON.parse(r.body).url).toBe('/api/');
    });

    it('refuses an absolute-form request naming a foreign host, whatever its Host header', async () => {
      const p = await startProxy();
      const r = await rawRequest(p.port, `GET http://evil.example/api/ HTTP/1.1\r\nHost: 127.0.0.1:${p.port}\r\nConnection: close\r\n\r\n`);
      expectForbidden(r);
      expect(up.requests).toHaveLength(0);
    });

    it('answers 400 to two Host headers, as Go does', async () => {
      const p = await startProxy();
      const r = await rawRequest(p.port, 'GET /api/ HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n');
      expect(r.status).toBe(400);
      expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(r.body).toBe('400 Bad Request');
      expect(up.requests).toHaveLength(0);
    });

    it('refuses POST …/exec with 403 before anything is sent upstream (conformance case 7)', async () => {
      const p = await startProxy();
      expectForbidden(await probe(p.port, '/api/v1/namespaces/d/pods/p/exec?command=ls', { method: 'POST' }));
      expect(up.requests).toHaveLength(0);
    });

    it('refuses an exec path hidden by percent-encoding (the filter sees the decoded path)', async () => {
      const p = await startProxy();
      expectForbidden(await probe(p.port, '/api/v1/namespaces/d/pods/p/%65xec?command=ls', { method: 'POST' }));
      expect(up.requests).toHaveLength(0);
    });

    it('redirects an unclean path to the clean one instead of forwarding it (Go ServeMux)', async () => {
      const p = await startProxy();
      const r = await probe(p.port, '/apis/../api/v1/namespaces/d/pods/p/exec?command=ls');
      expect(r.status).toBe(301);
      expect(r.headers.location).toBe('/api/v1/namespaces/d/pods/p/exec?command=ls');
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.body).toBe('<a href="/api/v1/namespaces/d/pods/p/exec?command=ls">Moved Permanently</a>.\n\n');
      expect(up.requests).toHaveLength(0);
    });

    it('--reject-methods=^POST$: POST → 403, GET → forwarded (conformance case 9)', async () => {
      const p = await startProxy({ rejectMethods: '^POST$' });
      expectForbidden(await probe(p.port, '/api/v1/namespaces', { method: 'POST', body: '{}' }));
      const get = await probe(p.port, '/api/v1/namespaces');
      expect(get.status).toBe(200);
      expect(JSON.parse(get.body)).toEqual({ kind: 'Echo', method: 'GET', url: '/api/v1/namespaces' });
      expect(up.requests.map((r) => r.method)).toEqual(['GET']);
    });

    it('--accept-hosts=^a$,^b$: Host b:1 forwarded, Host c:1 → 403 (conformance case 10)', async () => {
      const p = await startProxy({ acceptHosts: '^a$,^b$' });
      const b = await probe(p.port, '/api/', { headers: { Host: 'b:1' } });
      expect(b.status).toBe(200);
      expect(JSON.parse(b.body).url).toBe('/api/');
      expectForbidden(await probe(p.port, '/api/', { headers: { Host: 'c:1' } }));
      expect(up.requests).toHaveLength(1);
    });

    it('--accept-paths limits what is forwarded', async () => {
      const p = await startProxy({ acceptPaths: '^/api/v1/namespaces/shop/' });
      expect((await probe(p.port, '/api/v1/namespaces/shop/pods')).status).toBe(200);
      expectForbidden(await probe(p.port, '/api/v1/secrets'));
      expect(up.requests.map((r) => r.url)).toEqual(['/api/v1/namespaces/shop/pods']);
    });

    it('--disable-filter forwards Host evil.example (conformance case 13)', async () => {
      const p = await startProxy({ disableFilter: true });
      const r = await probe(p.port, '/api/', { headers: { Host: 'evil.example' } });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/json');
      expect(JSON.parse(r.body).url).toBe('/api/');
    });
  });

  describe('--api-prefix (docs/proxy.md, steps 1-2)', () => {
    it('/k8s-api/api/v1/pods → upstream /api/v1/pods (conformance case 11)', async () => {
      const p = await startProxy({ apiPrefix: '/k8s-api' });
      const r = await probe(p.port, '/k8s-api/api/v1/pods');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/json');
      expect(JSON.parse(r.body).url).toBe('/api/v1/pods');
    });

    it('/api/v1/pods outside /k8s-api → 404 page not found (conformance case 11)', async () => {
      const p = await startProxy({ apiPrefix: '/k8s-api' });
      const r = await probe(p.port, '/api/v1/pods');
      expect(r.status).toBe(404);
      expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.body).toBe('404 page not found\n');
      expect(up.requests).toHaveLength(0);
    });

    it('/k8s-api → 301 to /k8s-api/ (conformance case 11)', async () => {
      const p = await startProxy({ apiPrefix: '/k8s-api' });
      const r = await probe(p.port, '/k8s-api');
      expect(r.status).toBe(301);
      expect(r.headers.location).toBe('/k8s-api/');
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.body).toBe('<a href="/k8s-api/">Moved Permanently</a>.\n\n');
    });

    it('--api-prefix=/api/ forwards /api/v1/pods unchanged and 404s /apis/apps/v1 (conformance case 12)', async () => {
      const p = await startProxy({ apiPrefix: '/api/' });
      const ok = await probe(p.port, '/api/v1/pods');
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.body).url).toBe('/api/v1/pods');
      const nf = await probe(p.port, '/apis/apps/v1');
      expect(nf.status).toBe(404);
      expect(nf.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(nf.body).toBe('404 page not found\n');
    });
  });

  describe('browser guard (docs/security.md, H3-H4)', () => {
    it('refuses Origin https://evil.example (conformance case 19)', async () => {
      const p = await startProxy();
      expectForbidden(await probe(p.port, '/api/v1/secrets', { headers: { Origin: 'https://evil.example' } }));
      expect(up.requests).toHaveLength(0);
    });

    it('refuses a WebSocket from Origin https://evil.example without dialing the apiserver (conformance case 19)', async () => {
      const p = await startProxy();
      const r = await wsConnect(`ws://127.0.0.1:${p.port}/api/v1/namespaces/d/pods/p/portforward?ports=80`, ['v4.channel.k8s.io'], {
        Origin: 'https://evil.example',
      });
      expect(r.open).toBe(false);
      if (!r.open) {
        expect(r.status).toBe(403);
        expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
        expect(r.body).toBe('Forbidden\n');
      }
      expect(up.requests).toHaveLength(0);
    });

    it('forwards its own origin http://127.0.0.1:PORT (conformance case 19)', async () => {
      const p = await startProxy();
      // A script of its own origin reaches a proxy subresource (H8 keeps API paths to navigations).
      const svc = '/api/v1/namespaces/d/services/web/proxy/';
      const r = await probe(p.port, svc, { headers: { Origin: `http://127.0.0.1:${p.port}`, 'Sec-Fetch-Site': 'same-origin' } });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/json');
      expect(JSON.parse(r.body).url).toBe(svc);
    });

    it('refuses Origin null and another loopback port', async () => {
      const p = await startProxy();
      expectForbidden(await probe(p.port, '/api/', { headers: { Origin: 'null' } }));
      expectForbidden(await probe(p.port, '/api/', { headers: { Origin: `http://127.0.0.1:${p.port + 1}` } }));
      expect(up.requests).toHaveLength(0);
    });

    it('refuses Sec-Fetch-Site: cross-site without an Origin, forwards none (conformance case 20)', async () => {
      const p = await startProxy();
      expectForbidden(await probe(p.port, '/api/v1/secrets', { headers: { 'Sec-Fetch-Site': 'cross-site' } }));
      const r = await probe(p.port, '/api/', {
        headers: { 'Sec-Fetch-Site': 'none', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' },
      });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body).url).toBe('/api/');
      // A browser's view of an API path is sandboxed: no same-origin page can read it (H8).
      expect(r.headers['content-security-policy']).toBe('sandbox');
      expect(up.requests).toHaveLength(1);
    });

    it('keeps H3/H4 on with --disable-filter', async () => {
      const p = await startProxy({ disableFilter: true });
      expectForbidden(await probe(p.port, '/api/', { headers: { Host: 'evil.example', Origin: 'http://evil.example' } }));
      expect(up.requests).toHaveLength(0);
    });
  });

  describe('upgrades (docs/proxy.md, Upgrades)', () => {
    it('refuses a WebSocket to …/pods/p/attach with 403 and dials nothing (conformance case 7)', async () => {
      const p = await startProxy();
      const r = await wsConnect(`ws://127.0.0.1:${p.port}/api/v1/namespaces/d/pods/p/attach?stdin=1`, ['v4.channel.k8s.io'], {});
      expect(r.open).toBe(false);
      if (!r.open) {
        expect(r.status).toBe(403);
        expect(r.headers['x-content-type-options']).toBe('nosniff');
        expect(r.body).toBe('Forbidden\n');
      }
      expect(up.requests).toHaveLength(0);
    });

    it('relays the 101 for …/portforward and carries bytes both ways (conformance case 8)', async () => {
      const p = await startProxy();
      const r = await wsConnect(`ws://127.0.0.1:${p.port}/api/v1/namespaces/d/pods/p/portforward?ports=80`, ['v4.channel.k8s.io'], {});
      expect(r.open).toBe(true);
      if (!r.open) return;
      expect(r.protocol).toBe('v4.channel.k8s.io');
      const echoed = nextMessage(r.ws);
      r.ws.send(Buffer.from([0, 0x68, 0x69]));
      expect([...(await echoed)]).toEqual([0, 0x68, 0x69]);
      expect(up.requests).toHaveLength(1);
      expect(up.requests[0]!.upgrade).toBe(true);
      expect(up.requests[0]!.url).toBe('/api/v1/namespaces/d/pods/p/portforward?ports=80');
      expect(up.requests[0]!.headers.authorization).toBe(`Bearer ${KUBECONFIG_TOKEN}`);
      expect(up.requests[0]!.headers.host).toBe(`127.0.0.1:${up.port}`);
      expect(up.requests[0]!.headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(p.server.stats().upgrades).toBe(1);
    });

    it('relays a SPDY/3.1 upgrade (kubectl port-forward) and splices raw bytes both ways', async () => {
      const p = await startProxy();
      const { socket, head, rest } = await rawUpgrade(
        p.port,
        'POST /api/v1/namespaces/d/pods/p/portforward HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n',
      );
      onTestFinished(() => void socket.destroy());
      expect(head.status).toBe(101);
      expect(head.headers.upgrade).toBe('SPDY/3.1');
      expect(head.headers['x-stream-protocol-version']).toBe('portforward.k8s.io');
      const payload = Buffer.from('\x80\x03\x00\x01spdy-frame-bytes', 'latin1');
      socket.write(payload);
      expect((await readBytes(socket, payload.length, rest)).equals(payload)).toBe(true);
      // When the client closes, the apiserver side closes too.
      socket.destroy();
      await expect.poll(() => p.server.stats().active).toBe(0);
    });

    it('an upgrade answered 200 → 500 invalid upgrade response (conformance case 18)', async () => {
      const p = await startProxy();
      up.handleUpgrade((_req, socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nno'));
      const r = await wsConnect(`ws://127.0.0.1:${p.port}/api/v1/namespaces/d/pods/p/portforward?ports=80`, [], {});
      expect(r.open).toBe(false);
      if (!r.open) {
        expect(r.status).toBe(500);
        expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
        expect(r.body).toBe('invalid upgrade response: status code 200\n');
      }
      expect(p.errors).toEqual(['Error while proxying request: invalid upgrade response: status code 200']);
    });

    it('an upgrade answered 403 → that 403 as it came, then close (conformance case 18)', async () => {
      const p = await startProxy();
      const status = '{"kind":"Status","reason":"Forbidden","code":403}';
      up.handleUpgrade((_req, socket) =>
        socket.end(
          `HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nAudit-Id: z\r\nContent-Length: ${status.length}\r\n\r\n${status}`,
        ),
      );
      const r = await rawRequest(
        p.port,
        'GET /api/v1/namespaces/d/pods/p/portforward?ports=80 HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      );
      expect(r.status).toBe(403);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['audit-id']).toBe('z');
      expect(r.headers.connection).toBe('close');
      expect(r.body).toBe(status);
    });

    it('an upgrade to an unreachable apiserver → 500 error dialing backend', async () => {
      const conn = up.connection();
      Object.defineProperty(conn, 'server', { value: new URL('https://127.0.0.1:1') });
      const p = await startProxy({}, conn);
      const r = await wsConnect(`ws://127.0.0.1:${p.port}/api/v1/namespaces/d/pods/p/portforward?ports=80`, [], {});
      expect(r.open).toBe(false);
      if (!r.open) {
        expect(r.status).toBe(500);
        expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
        expect(r.body).toBe('error dialing backend: connect ECONNREFUSED 127.0.0.1:1\n');
      }
    });

    it('refreshes the credentials once when an upgrade is answered 401, then upgrades', async () => {
      let generation = 1;
      const conn = up.connection({ token: () => `gen-${generation}` });
      conn.invalidate = () => {
        conn.invalidations++;
        generation++;
      };
      const p = await startProxy({}, conn);
      up.handleUpgrade((req, socket) => {
        if (req.headers.authorization !== 'Bearer gen-2') {
          socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
          return;
        }
        socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n\r\n');
        socket.pipe(socket);
      });
      const { socket, head, rest } = await rawUpgrade(
        p.port,
        'POST /api/v1/namespaces/d/pods/p/portforward HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n\r\n',
      );
      onTestFinished(() => void socket.destroy());
      expect(head.status).toBe(101);
      socket.write('xyz');
      expect((await readBytes(socket, 3, rest)).toString()).toBe('xyz');
      expect(up.requests.map((r) => r.headers.authorization)).toEqual(['Bearer gen-1', 'Bearer gen-2']);
      expect(conn.invalidations).toBe(1);
    });

    it('forwards exec WebSockets when --reject-paths allows them', async () => {
      const p = await startProxy({ rejectPaths: '' });
      const r = await wsConnect(`ws://127.0.0.1:${p.port}/api/v1/namespaces/d/pods/p/exec?command=sh`, ['v4.channel.k8s.io'], {});
      expect(r.open).toBe(true);
      expect(up.requests[0]?.url).toBe('/api/v1/namespaces/d/pods/p/exec?command=sh');
    });

    it('closes upgraded connections when the proxy is disposed', async () => {
      const p = await startProxy();
      const r = await wsConnect(`ws://127.0.0.1:${p.port}/api/v1/namespaces/d/pods/p/portforward?ports=80`, ['v4.channel.k8s.io'], {});
      if (!r.open) throw new Error('not open');
      const closed = once(r.ws, 'close');
      await p.server.dispose();
      await closed;
      expect(p.server.stats().active).toBe(0);
    });
  });

  describe('per-launch token (docs/security.md, H6)', () => {
    it('without the token → 401 Unauthorized, nothing forwarded (conformance case 21)', async () => {
      const p = await startProxy({ token: newLaunchToken() });
      const r = await probe(p.port, '/api/');
      expect(r.status).toBe(401);
      expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(r.body).toBe('Unauthorized\n');
      expect(up.requests).toHaveLength(0);
    });

    it('X-KubeDesk-Token: <t> → forwarded without it (conformance case 22)', async () => {
      const t = newLaunchToken();
      const p = await startProxy({ token: t });
      const r = await probe(p.port, '/api/', { headers: { 'X-KubeDesk-Token': t } });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body).url).toBe('/api/');
      expect(up.requests[0]!.headers['x-kubedesk-token']).toBeUndefined();
      expect(JSON.stringify(up.requests[0]!.rawHeaders)).not.toContain(t);
    });

    it('a WebSocket offering kubedesk.token.<t>, v4.channel.k8s.io → upstream sees v4.channel.k8s.io only (conformance case 22)', async () => {
      const t = newLaunchToken();
      const p = await startProxy({ token: t });
      const r = await wsConnect(
        `ws://127.0.0.1:${p.port}/api/v1/namespaces/d/pods/p/portforward?ports=80`,
        [`kubedesk.token.${t}`, 'v4.channel.k8s.io'],
        {},
      );
      expect(r.open).toBe(true);
      if (r.open) expect(r.protocol).toBe('v4.channel.k8s.io');
      expect(up.requests[0]!.headers['sec-websocket-protocol']).toBe('v4.channel.k8s.io');
    });

    it('GET /api/?kubedesk_token=<t> → 302 to /api/ with the cookie, which then works (conformance case 23)', async () => {
      const t = newLaunchToken();
      const p = await startProxy({ token: t });
      const r = await probe(p.port, `/api/?kubedesk_token=${t}`);
      expect(r.status).toBe(302);
      expect(r.headers.location).toBe('/api/');
      expect(r.headers['set-cookie']).toEqual([`kubedesk_token_${p.port}=${t}; HttpOnly; SameSite=Strict; Path=/`]);
      expect(r.body).toBe('<a href="/api/">Found</a>.\n\n');
      expect(up.requests).toHaveLength(0);
      const withCookie = await probe(p.port, '/api/', { headers: { Cookie: `other=1; kubedesk_token_${p.port}=${t}` } });
      expect(withCookie.status).toBe(200);
      expect(up.requests[0]!.headers.cookie).toBe('other=1');
    });

    it('a wrong token → 401, also over WebSocket', async () => {
      const p = await startProxy({ token: newLaunchToken() });
      expect((await probe(p.port, '/api/', { headers: { 'X-KubeDesk-Token': newLaunchToken() } })).status).toBe(401);
      const r = await wsConnect(
        `ws://127.0.0.1:${p.port}/api/v1/namespaces/d/pods/p/portforward?ports=80`,
        [`kubedesk.token.${newLaunchToken()}`],
        {},
      );
      expect(r.open).toBe(false);
      if (!r.open) {
        expect(r.status).toBe(401);
        expect(r.body).toBe('Unauthorized\n');
      }
      expect(up.requests).toHaveLength(0);
    });
  });

  describe('listening (docs/proxy.md, Flags)', () => {
    it('listens on [::1] when asked with either spelling', async () => {
      const p = await startProxy({ address: '::1' });
      expect(p.server.address).toBe(`[::1]:${p.port}`);
      const p2 = await startProxy({ address: '[::1]' });
      expect(p2.server.address).toBe(`[::1]:${p2.port}`);
      const r = await probe(p.port, '/api/', { host: '::1', headers: { Host: `[::1]:${p.port}` } });
      expect(r.status).toBe(200);
    });

    it('reports a busy port as kubectl does', async () => {
      const p = await startProxy();
      await expect(startProxy({ port: p.port })).rejects.toThrow(`listen tcp 127.0.0.1:${p.port}: bind: address already in use`);
    });

    it('serves on a Unix socket with mode 0600 (docs/security.md, H7)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kd-proxy-'));
      const path = join(dir, 'proxy.sock');
      const p = await startProxy({ unixSocket: path });
      expect(p.server.address).toBe(path);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const r = await probe(0, '/api/', { socketPath: path, headers: { Host: 'localhost' } });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body).url).toBe('/api/');
    });
  });

  describe('pages behind the proxy (docs/security.md, H8)', () => {
    const page = (port: number): Record<string, string> => ({
      Origin: `http://127.0.0.1:${port}`,
      'Sec-Fetch-Site': 'same-origin',
      'Sec-Fetch-Mode': 'cors',
      'Sec-Fetch-Dest': 'empty',
    });

    it("refuses a same-origin page's API write and its WebSocket to …/portforward; the apiserver sees neither", async () => {
      const p = await startProxy();
      expectForbidden(
        await probe(p.port, '/api/v1/namespaces/shop/configmaps', {
          method: 'POST',
          headers: { ...page(p.port), 'Content-Type': 'application/json' },
          body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"pwned"}}',
        }),
      );
      const ws = await wsConnect(`ws://127.0.0.1:${p.port}/api/v1/namespaces/shop/pods/p/portforward?ports=80`, ['v4.channel.k8s.io'], {
        Origin: `http://127.0.0.1:${p.port}`,
        'Sec-Fetch-Site': 'same-origin',
        'Sec-Fetch-Mode': 'websocket',
      });
      expect(ws).toMatchObject({ open: false, status: 403, body: 'Forbidden\n' });
      expectForbidden(await probe(p.port, '/api/v1/namespaces/x/services/y/proxy/../../../../pods', { headers: page(p.port) }));
      expect(up.requests).toHaveLength(0);
    });

    it('lets the page reach its own service proxy, by script and by WebSocket', async () => {
      const p = await startProxy();
      const svc = `/api/v1/namespaces/shop/services/web/proxy`;
      const r = await probe(p.port, `${svc}/data.json`, { method: 'POST', headers: page(p.port), body: '{}' });
      expect(r.status).toBe(200);
      const ws = await wsConnect(`ws://127.0.0.1:${p.port}${svc}/socket`, [], { Origin: `http://127.0.0.1:${p.port}` });
      expect(ws.open).toBe(true);
      expect(up.requests.map((q) => q.url)).toEqual([`${svc}/data.json`, `${svc}/socket`]);
    });
  });

  describe('encoded dot segments (docs/security.md, H9)', () => {
    it('answers POST /apis/%2e%2e/api/v1/…/pods/P/exec with a 301 to the clean path, which the filter then refuses', async () => {
      const p = await startProxy();
      const r = await probe(p.port, '/apis/%2e%2e/api/v1/namespaces/shop/pods/P/exec?command=ls', { method: 'POST' });
      expect(r.status).toBe(301);
      expect(r.headers.location).toBe('/api/v1/namespaces/shop/pods/P/exec?command=ls');
      expectForbidden(await probe(p.port, r.headers.location!, { method: 'POST' }));
      const ws = await wsConnect(`ws://127.0.0.1:${p.port}/apis/..%2Fapi/v1/namespaces/shop/pods/P/attach`, [], {});
      expect(ws).toMatchObject({ open: false, status: 301 });
      expect(up.requests).toHaveLength(0);
    });
  });

  describe('two proxies on 127.0.0.1 (docs/security.md, H6)', () => {
    it('each sets and reads a cookie named for its port, so a browser holding both stays signed in to both', async () => {
      const [ta, tb] = [newLaunchToken(), newLaunchToken()];
      const a = await startProxy({ token: ta });
      const b = await startProxy({ token: tb });
      // A browser keeps cookies per host, not per port: after visiting both, it sends both to each.
      const jar: string[] = [];
      for (const [p, t] of [
        [a, ta],
        [b, tb],
      ] as const) {
        const r = await probe(p.port, `/api/?kubedesk_token=${t}`);
        expect(r.status).toBe(302);
        jar.push(String(r.headers['set-cookie']).split(';')[0]!);
      }
      expect(jar).toEqual([`kubedesk_token_${a.port}=${ta}`, `kubedesk_token_${b.port}=${tb}`]);
      for (const p of [a, b]) {
        const r = await probe(p.port, '/api/', { headers: { Cookie: `${jar.join('; ')}; theme=dark` } });
        expect(r.status).toBe(200);
      }
      // Neither proxy's token reaches the apiserver.
      expect(up.requests.map((q) => q.headers.cookie)).toEqual(['theme=dark', 'theme=dark']);
    });
  });
});
