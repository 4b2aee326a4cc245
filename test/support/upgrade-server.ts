// A loopback HTTP server that hands each upgrade request's socket to the test (a scripted SPDY or
// WebSocket apiserver) and answers anything else 400; its upgraded sockets are destroyed and the
// server closed by the test's cleanups. On it, a v4 WebSocket server and a SPDY peer.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { FrameParser, FrameType, HeaderCompressor, synReplyFrame } from '../../electron/core/demo/spdy-framer.ts';

/** Resolves with the server's `http://127.0.0.1:PORT` once it listens. */
export async function startUpgradeServer(
  cleanups: Array<() => void | Promise<void>>,
  onUpgrade: (req: IncomingMessage, socket: Socket, head: Buffer) => void,
): Promise<string> {
  const server = createServer((_req, res) => res.writeHead(400).end());
  const upgraded = new Set<Socket>();
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    upgraded.add(socket);
    socket.on('error', () => {});
    onUpgrade(req, socket, head);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  cleanups.push(() => {
    server.closeAllConnections();
    for (const s of upgraded) s.destroy();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * A v4.channel.k8s.io port-forward server (`ws`, no compression): `onOpen` gets each client's
 * WebSocket. Resolves with its URL.
 */
export async function startV4Server(cleanups: Array<() => void | Promise<void>>, onOpen: (ws: WebSocket) => void): Promise<string> {
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (p) => (p.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : false),
  });
  return startUpgradeServer(cleanups, (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => {});
      onOpen(ws);
    }),
  );
}

/**
 * A SPDY/3.1 port-forward server that answers every SYN_STREAM at once and hands `onData` each
 * non-empty data frame of the first data stream (id 3); `onOpen` gets each upgraded socket first.
 */
export function startSpdyPeer(
  cleanups: Array<() => void | Promise<void>>,
  onData: (socket: Socket, data: Buffer) => void,
  onOpen?: (socket: Socket) => void,
): Promise<string> {
  return startUpgradeServer(cleanups, (_req, socket) => {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n\r\n');
    onOpen?.(socket);
    const parser = new FrameParser();
    const compressor = new HeaderCompressor();
    socket.on('data', (d: Buffer) => {
      for (const f of parser.push(d)) {
        if (f.control && f.type === FrameType.SYN_STREAM) {
          socket.write(synReplyFrame(compressor, f.data.readUInt32BE(0) & 0x7fffffff, new Map(), false));
        } else if (!f.control && f.streamId === 3 && f.data.length > 0) onData(socket, f.data);
      }
    });
  });
}
