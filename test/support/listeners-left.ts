// Which TCP listeners a piece of code left open, counting only its own: Node publishes every
// `server.listen()` on the `tracing:net.server.listen:*` channels (built-in channels, Net:
// https://nodejs.org/api/diagnostics_channel.html#built-in-channels) in the caller's async
// context, so an AsyncLocalStorage mark tells the call's listeners from the rest of the process
// (an earlier test's server still closing, the demo cluster's own).
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { AddressInfo, Server } from 'node:net';

const START = 'tracing:net.server.listen:asyncStart';
const END = 'tracing:net.server.listen:asyncEnd';
const ERROR = 'tracing:net.server.listen:error';

/**
 * Runs `fn` and returns its result with the listeners it started that still listen, or are still
 * starting, once it has settled (`127.0.0.1:PORT`, or `starting` before the port is bound).
 */
export async function listenersLeftBy<T>(fn: () => Promise<T>): Promise<{ result: T; left: string[] }> {
  const mark = Symbol('listenersLeftBy');
  const scope = new AsyncLocalStorage<symbol>();
  const starting = new Set<Server>();
  const started = new Set<Server>();
  const onStart = (message: unknown): void => {
    if (scope.getStore() !== mark) return;
    const { server } = message as { server: Server };
    started.add(server);
    starting.add(server);
    // Closed while its address was being looked up: Node then never binds it, nor publishes an end.
    server.once('close', () => starting.delete(server));
  };
  const onSettled = (message: unknown): void => void starting.delete((message as { server: Server }).server);
  subscribe(START, onStart);
  subscribe(END, onSettled);
  subscribe(ERROR, onSettled);
  try {
    const result = await scope.run(mark, fn);
    const left = [...started]
      .filter((s) => s.listening || starting.has(s))
      .map((s) => {
        const a = s.address() as AddressInfo | null;
        return a ? `${a.address}:${a.port}` : 'starting';
      });
    return { result, left };
  } finally {
    unsubscribe(START, onStart);
    unsubscribe(END, onSettled);
    unsubscribe(ERROR, onSettled);
  }
}
