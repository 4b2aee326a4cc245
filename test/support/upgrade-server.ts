// A loopback HTTP server that hands each upgrade request's socket to the test (a scripted SPDY or
// WebSocket apiserver) and answers anything else 400; its upgraded sockets are destroyed and the
// server closed by the test's cleanups.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

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
