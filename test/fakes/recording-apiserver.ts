// "Upstream" in docs/conformance.md: a fake apiserver over real TLS that records every request (method,
// URL, headers, body, upgrades) and answers as each test tells it, so a proxy test can assert
// both what the client got and what the apiserver saw (or that it saw nothing).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { createAgent, type ClusterConnection } from '../../electron/core/cluster/cluster-connection.ts';
import { createDemoPki } from '../../electron/core/demo/demo-certs.ts';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  upgrade: boolean;
}

export type UpstreamHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;
export type UpgradeHandler = (req: IncomingMessage, socket: Socket, head: Buffer) => void;

export interface TestConnection extends ClusterConnection {
  invalidations: number;
}

export interface RecordingApiserver {
  url: string;
  port: number;
  caPem: string;
  requests: RecordedRequest[];
  /** TCP connections accepted so far (keep-alive reuse shows here). */
  connections(): number;
  handle(handler: UpstreamHandler | undefined): void;
  handleUpgrade(handler: UpgradeHandler | undefined): void;
  /** A connection as the ConnectionProvider would build it (CA-verified TLS, a bearer token). */
  connection(opts?: { path?: string; token?: () => string; authHeaders?: () => Promise<Record<string, string>> }): TestConnection;
  dispose(): Promise<void>;
}

export const KUBECONFIG_TOKEN = 'kc-token-1';

function defaultHandler(req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify({ kind: 'Echo', method: req.method, url: req.url });
  res.writeHead(200, { 'Content-Type': 'application/json', 'Audit-Id': 'a-1', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** WebSocket: echoes every message; SPDY/3.1 and anything else: a raw 101, then echoes bytes. */
function defaultUpgrade(wss: WebSocketServer): UpgradeHandler {
  return (req, socket, head) => {
    if ((req.headers.upgrade ?? '').toLowerCase() === 'websocket') {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('message', (data, binary) => ws.send(data, { binary }));
      });
      return;
    }
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: ${req.headers.upgrade}\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n`,
    );
    if (head.length) socket.write(head);
    socket.pipe(socket);
  };
}

export async function startRecordingApiserver(): Promise<RecordingApiserver> {
  const pki = await createDemoPki();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  let handler: UpstreamHandler | undefined;
  let upgradeHandler: UpgradeHandler | undefined;
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (p) => (p.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : ([...p][0] ?? false)),
  });

  const server: Server = createServer({ cert: pki.serverCertPem, key: pki.serverKeyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body,
        upgrade: false,
      });
      (handler ?? defaultHandler)(req, res, body);
    });
  });
  server.on('secureConnection', (s: Socket) => {
    accepted++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      body: Buffer.alloc(0),
      upgrade: true,
    });
    (upgradeHandler ?? defaultUpgrade(wss))(req, socket, head);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const url = `https://127.0.0.1:${port}`;

  return {
    url,
    port,
    caPem: pki.caPem,
    requests,
    connections: () => accepted,
    handle: (h) => void (handler = h),
    handleUpgrade: (h) => void (upgradeHandler = h),
    connection: (opts = {}) => {
      const serverUrl = new URL(`${url}${opts.path ?? ''}`);
      const tls = { ca: Buffer.from(pki.caPem), rejectUnauthorized: true };
      const agent = createAgent(serverUrl, tls);
      const conn: TestConnection = {
        context: 'recording',
        cluster: 'recording',
        user: 'recording',
        server: serverUrl,
        namespace: 'default',
        authKind: 'token',
        tls,
        agent,
        invalidations: 0,
        authHeaders: opts.authHeaders ?? (async () => ({ Authorization: `Bearer ${opts.token?.() ?? KUBECONFIG_TOKEN}` })),
        invalidate: () => void conn.invalidations++,
        dispose: () => agent.destroy(),
      };
      return conn;
    },
    dispose: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
