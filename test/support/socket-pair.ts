// Real loopback sockets for tests of the SPDY and port-forward code: a connected pair, and the
// first frames kubectl sends for one forwarded connection.
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { dataFrame, HeaderCompressor, synStreamFrame } from '../../electron/core/demo/spdy-framer.ts';

/** A connected pair: [the accepted end, the client end]; both are destroyed by the cleanup pushed on `cleanups`. */
export async function socketPair(cleanups: Array<() => void | Promise<void>>): Promise<[Socket, Socket]> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const accepted = new Promise<Socket>((r) => server.once('connection', r));
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  const served = await accepted;
  server.close();
  cleanups.push(() => {
    client.destroy();
    served.destroy();
  });
  return [served, client];
}

/**
 * kubectl's streams for one connection to `port` (request 0): the error stream (id 1, closed at
 * once) and the data stream (id 3) (client-go tools/portforward/portforward.go).
 */
export function openPortForwardStreams(client: Socket, port = 9000): void {
  const headers = new HeaderCompressor();
  const h = (type: string): Map<string, string[]> =>
    new Map([
      ['streamtype', [type]],
      ['port', [String(port)]],
      ['requestid', ['0']],
    ]);
  client.write(
    Buffer.concat([synStreamFrame(1, headers.compress(h('error'))), dataFrame(1, Buffer.alloc(0), true), synStreamFrame(3, headers.compress(h('data')))]),
  );
}
