// docs/proxy.md, Performance: the proxy's pool to the apiserver (upstream-pool.ts). Small answers
// leave whole, streams at once; a keep-alive connection that breaks under a request is retried
// once where Go's transport would; a new agent (an exec plugin's client certificate) gets a new
// pool; and `proxy-url` tunnels still carry every request. A real TLS apiserver throughout.
import { request, type IncomingMessage } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, type ClusterConnection } from '../../../../electron/core/cluster/cluster-connection.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { defaultProxyOptions } from '../../../../electron/core/proxy/proxy-options.ts';
import { startProxyServer, type ProxyServer } from '../../../../electron/core/proxy/proxy-server.ts';
import { startRecordingApiserver, type RecordingApiserver } from '../../../fakes/recording-apiserver.ts';
import { startTunnelProxy, tunnelKubeconfig } from '../../../fakes/tunnel-proxies.ts';
import { kubeconfig, setup, tempDir, writeFile } from '../../../support/kubedesk-fixtures.ts';

let up: RecordingApiserver;
let proxy: ProxyServer | undefined;
let conn: ClusterConnection | undefined;

beforeAll(async () => {
  up = await startRecordingApiserver();
});
afterEach(async () => {
  await proxy?.dispose();
  conn?.dispose();
  proxy = conn = undefined;
  up.handle(undefined);
  up.requests.length = 0;
});
afterAll(() => up.dispose());

async function startProxy(c: ClusterConnection): Promise<ProxyServer> {
  conn = c;
  proxy = await startProxyServer({ connection: c, log: silentLogger }, defaultProxyOptions({ port: 0 }));
  return proxy;
}

interface Got {
  status: number;
  body: string;
  /** Whether the apiserver had already sent the last part when the client's first byte arrived. */
  firstByteAfterLastPart: boolean;
}

function get(port: number, path: string, method = 'GET', lastPartSent = (): boolean => false): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}` } });
    let first: boolean | undefined;
    req.on('socket', (s) => s.once('data', () => (first = lastPartSent())));
    req.on('response', (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, firstByteAfterLastPart: first ?? false }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('small answers whole, streams at once', () => {
  /** The apiserver sends the head and part of the body, then the rest 150 ms later. */
  function answerInTwoParts(size: number, withLength: boolean): { sent: () => boolean } {
    let sentLast = false;
    up.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain', ...(withLength ? { 'Content-Length': size } : {}) });
      res.write('a'.repeat(size / 2));
      setTimeout(() => {
        sentLast = true;
        res.end('b'.repeat(size / 2));
      }, 150);
    });
    return { sent: () => sentLast };
  }

  it('a 16 KiB answer with Content-Length reaches the client in one piece, when complete', async () => {
    const p = await startProxy(up.connection());
    const part = answerInTwoParts(16 * 1024, true);
    const got = await get(p.port, '/api/v1/pods', 'GET', part.sent);
    expect(got.status).toBe(200);
    expect(got.body).toBe('a'.repeat(8 * 1024) + 'b'.repeat(8 * 1024));
    expect(got.firstByteAfterLastPart).toBe(true);
  });

  it.each([
    ['a 256 KiB answer with Content-Length', 256 * 1024, true],
    ['a chunked answer (a watch or a log)', 16 * 1024, false],
  ])('%s starts reaching the client before the apiserver has sent it all', async (_name, size, withLength) => {
    const p = await startProxy(up.connection());
    const part = answerInTwoParts(size, withLength);
    const got = await get(p.port, '/api/v1/pods', 'GET', part.sent);
    expect(got.body).toBe('a'.repeat(size / 2) + 'b'.repeat(size / 2));
    expect(got.firstByteAfterLastPart).toBe(false);
  });

  it('a HEAD answer keeps its Content-Length and has no body', async () => {
    const p = await startProxy(up.connection());
    up.handle((_req, res) => {
      res.writeHead(200, { 'Content-Length': 1234 });
      res.end();
    });
    const got = await new Promise<IncomingMessage>((resolve, reject) =>
      request({ host: '127.0.0.1', port: p.port, path: '/api', method: 'HEAD' }, resolve).on('error', reject).end(),
    );
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-length']).toBe('1234');
  });
});

describe('a keep-alive connection that breaks under a request (Go: Request.isReplayable)', () => {
  /** Answers the first request; the second one's connection is cut before any answer; then answers again. */
  function cutSecond(): void {
    let n = 0;
    up.handle((req, res) => {
      n++;
      if (n === 2) return void req.socket.destroy();
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 2 });
      res.end('ok');
    });
  }

  it('a GET is sent once more, on a new connection, and answered', async () => {
    const p = await startProxy(up.connection());
    cutSecond();
    const connections = up.connections();
    expect((await get(p.port, '/api/v1/pods')).status).toBe(200);
    const retried = await get(p.port, '/api/v1/pods');
    expect(retried).toMatchObject({ status: 200, body: 'ok' });
    expect(up.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
    expect(up.connections() - connections).toBe(2);
  });

  it('a DELETE without an idempotency key is not: the client gets kubectl-style 500 and the apiserver saw it once', async () => {
    const p = await startProxy(up.connection());
    cutSecond();
    expect((await get(p.port, '/api/v1/pods')).status).toBe(200);
    const failed = await get(p.port, '/api/v1/namespaces/default/pods/x', 'DELETE');
    expect(failed.status).toBe(500);
    expect(up.requests.map((r) => r.method)).toEqual(['GET', 'DELETE']);
  });
});

it('a new agent (an exec plugin returned a client certificate) gets a new pool; the old one closes', async () => {
  const base = up.connection();
  let agent = base.agent;
  const c: ClusterConnection = {
    ...base,
    get agent() {
      return agent;
    },
  };
  const p = await startProxy(c);
  const connections = up.connections();
  expect((await get(p.port, '/api')).status).toBe(200);
  expect((await get(p.port, '/api')).status).toBe(200);
  expect(up.connections() - connections).toBe(1);
  const old = agent;
  agent = createAgent(base.server, base.tls);
  expect((await get(p.port, '/api')).status).toBe(200);
  expect(up.connections() - connections).toBe(2);
  old.destroy();
});

describe('proxy-url: every request through the tunnel, TLS to the apiserver inside it', () => {
  it.each(['connect', 'socks5'] as const)('%s', async (kind) => {
    const tunnel = await startTunnelProxy(kind);
    try {
      const file = tunnelKubeconfig(up, tunnel.url, 'via-tunnel');
      const p = await startProxy(await setup({ files: [file] }).provider.connect());
      const got = await get(p.port, '/api/v1/namespaces');
      expect(got.status).toBe(200);
      expect(JSON.parse(got.body)).toMatchObject({ kind: 'Echo', url: '/api/v1/namespaces' });
      expect(tunnel.targets).toEqual([`localhost:${up.port}`]);
      expect(up.requests.at(-1)!.headers.authorization).toBe('Bearer via-tunnel');
    } finally {
      tunnel.server.close();
    }
  });

  it('a tunnel that never answers fails within the connect timeout, with kubectl-style ETIMEDOUT', async () => {
    const { createServer } = await import('node:net');
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const file = writeFile(
        tempDir(),
        'config',
        kubeconfig({
          current: 'c',
          clusters: [{ name: 'k', cluster: { server: 'https://k.example:6443', 'proxy-url': `http://127.0.0.1:${port}` } }],
          users: [{ name: 'u', user: { token: 't' } }],
          contexts: [{ name: 'c', cluster: 'k', user: 'u' }],
        }),
      );
      conn = await setup({ files: [file] }).provider.connect();
      proxy = await startProxyServer({ connection: conn, log: silentLogger }, defaultProxyOptions({ port: 0, connectTimeoutMs: 300 }));
      const got = await get(proxy.port, '/api');
      expect(got.status).toBe(500);
      expect(got.body).toContain('connect ETIMEDOUT k.example:6443');
    } finally {
      silent.close();
    }
  });
});
