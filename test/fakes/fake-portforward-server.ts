// A minimal apiserver port-forward endpoint for unit tests (docs/port-forward.md, protocol A): WebSocket upgrades
// of `/api/v1/namespaces/NS/pods/NAME/portforward?ports=P…` speaking v4.channel.k8s.io, each
// port relayed to a local TCP backend chosen by `route`. Port headers first, then data; a failed
// route answers on the error channel (as the kubelet does) or with an HTTP status.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type Route = { backend: number } | { error: string } | { status: number; message: string };

export interface PortForwardRequest {
  namespace: string;
  pod: string;
  ports: number[];
  protocols: string[];
  authorization: string | undefined;
}

export interface FakePortForwardServer {
  url: string;
  port: number;
  requests: PortForwardRequest[];
  /** WebSockets currently open. */
  open(): number;
  /** Closes every open WebSocket abruptly (the apiserver went away). */
  dropAll(): void;
  dispose(): Promise<void>;
}

function portHeader(channel: number, port: number): Buffer {
  return Buffer.from([channel, port & 0xff, port >> 8]);
}

export async function startFakePortForwardServer(
  route: (pod: string, port: number, req: PortForwardRequest) => Route,
): Promise<FakePortForwardServer> {
  const requests: PortForwardRequest[] = [];
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (p) => (p.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : false),
  });
  const server: Server = createServer((_req, res) => {
    res.writeHead(400, { 'Content-Type': 'text/plain' });
    res.end('Upgrade request required');
  });
  const raw = new Set<Socket>();
  server.on('connection', (s) => {
    raw.add(s);
    s.on('close', () => raw.delete(s));
  });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward$/.exec(url.pathname);
    const r: PortForwardRequest = {
      namespace: decodeURIComponent(m?.[1] ?? ''),
      pod: decodeURIComponent(m?.[2] ?? ''),
      ports: url.searchParams.getAll('ports').map(Number),
      protocols: String(req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      authorization: req.headers.authorization,
    };
    requests.push(r);
    const first = r.ports[0] ?? 0;
    const decision = m ? route(r.pod, first, r) : { status: 404, message: 'the server could not find the requested resource' };
    if ('status' in decision) {
      const body = JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: decision.message,
        code: decision.status,
      });
      socket.end(
        `HTTP/1.1 ${decision.status} X\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => {});
      const backends: Array<Socket | undefined> = [];
      r.ports.forEach((port, i) => {
        ws.send(portHeader(2 * i, port));
        ws.send(portHeader(2 * i + 1, port));
        const d = i === 0 ? decision : route(r.pod, port, r);
        if ('error' in d) {
          ws.send(Buffer.concat([Buffer.from([2 * i + 1]), Buffer.from(d.error)]));
          ws.close(1000);
          return;
        }
        if (!('backend' in d)) return;
        const b = connect({ host: '127.0.0.1', port: d.backend });
        backends[i] = b;
        b.on('data', (chunk: Buffer) => {
          ws.send(Buffer.concat([Buffer.from([2 * i]), chunk]), () => {});
          if (ws.bufferedAmount > 4 * 1024 * 1024) {
            b.pause();
            const resume = (): void => {
              if (ws.bufferedAmount < 1024 * 1024 || ws.readyState !== ws.OPEN) b.resume();
              else setTimeout(resume, 5);
            };
            setTimeout(resume, 5);
          }
        });
        b.on('error', (err) => {
          if (ws.readyState === ws.OPEN)
            ws.send(
              Buffer.concat([Buffer.from([2 * i + 1]), Buffer.from(`error forwarding port ${port} to pod ${r.pod}, uid : ${err.message}`)]),
            );
          ws.close(1000);
        });
        b.on('close', () => {
          if (ws.readyState === ws.OPEN) ws.close(1000);
        });
      });
      ws.on('message', (data: Buffer) => {
        const ch = data[0]!;
        const b = backends[ch / 2];
        if (ch % 2 === 0 && b && !b.destroyed) {
          if (!b.write(data.subarray(1))) {
            ws.pause();
            b.once('drain', () => ws.resume());
          }
        }
      });
      ws.on('close', () => {
        for (const b of backends) b?.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    open: () => sockets.size,
    dropAll: () => {
      for (const ws of sockets) ws.terminate();
    },
    dispose: async () => {
      for (const ws of sockets) ws.terminate();
      for (const s of raw) s.destroy();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
