// Real TCP backends for forward tests: an echo server, and one that holds its reads (to test
// backpressure). Both track their sockets so dispose() frees everything.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface TcpBackend {
  port: number;
  sockets: Set<Socket>;
  /** Total bytes read from clients. */
  received(): number;
  dispose(): Promise<void>;
}

async function start(onSocket: (s: Socket) => void, counter: { n: number }, allowHalfOpen = false): Promise<TcpBackend> {
  const sockets = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen }, (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    onSocket(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    sockets,
    received: () => counter.n,
    dispose: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function startEchoBackend(): Promise<TcpBackend> {
  const counter = { n: 0 };
  return start((s) => {
    s.on('data', (d: Buffer) => (counter.n += d.length));
    s.pipe(s);
  }, counter);
}

/** Reads nothing until `release()`d. */
export async function startStalledBackend(): Promise<TcpBackend & { release(): void }> {
  const counter = { n: 0 };
  let released = false;
  const held = new Set<Socket>();
  const b = await start((s) => {
    s.pause();
    s.on('data', (d: Buffer) => (counter.n += d.length));
    if (released) s.resume();
    else held.add(s);
  }, counter);
  return {
    ...b,
    release: () => {
      released = true;
      for (const s of held) s.resume();
    },
  };
}

/** Writes `total` bytes to each client as fast as the client's side lets it (honours backpressure). */
export async function startFirehoseBackend(total: number): Promise<TcpBackend & { sent(): number }> {
  const counter = { n: 0 };
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024, 0x5a);
  const b = await start((s) => {
    let left = total;
    const pump = (): void => {
      while (left > 0) {
        const n = Math.min(chunk.length, left);
        left -= n;
        sent += n;
        if (!s.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          s.once('drain', pump);
          return;
        }
      }
      s.end();
    };
    pump();
  }, counter);
  return { ...b, sent: () => sent };
}
