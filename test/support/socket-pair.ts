// Real loopback sockets for tests of the SPDY and port-forward code: a connected pair, and the
// first frames kubectl sends for one forwarded connection.
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { vi } from 'vitest';
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
    Buffer.concat([
      synStreamFrame(1, headers.compress(h('error'))),
      dataFrame(1, Buffer.alloc(0), true),
      synStreamFrame(3, headers.compress(h('data'))),
    ]),
  );
}

/** Records `socket`'s writes to the OS: one entry per write, the number of chunks it carried (1, or a `writev`'s count). */
export function recordWrites(socket: Socket): number[] {
  const writes: number[] = [];
  const write = socket._write.bind(socket);
  const writev = socket._writev!.bind(socket);
  vi.spyOn(socket, '_write').mockImplementation((chunk: Buffer, enc, cb) => {
    writes.push(1);
    write(chunk, enc, cb);
  });
  vi.spyOn(socket, '_writev').mockImplementation((chunks, cb) => {
    writes.push(chunks.length);
    writev(chunks, cb);
  });
  return writes;
}
