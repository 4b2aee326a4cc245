// Local listeners with kubectl's rules (docs/port-forward.md, Arguments; client-go tools/portforward listenOnPort):
// per port, every address; a local port of 0 is picked by the first bind and reused by the
// others; `localhost` fails only if both 127.0.0.1 and ::1 fail, an explicit IP must bind.
// Errors read like Go's (`listen tcp4 127.0.0.1:8080: bind: address already in use`).
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { describe } from '../errors.ts';
import { joinHostPort, type ListenAddress } from './listen-addresses.ts';
import type { PortPair } from './port-mapping.ts';

export interface Binding {
  /** Index of the port argument. */
  index: number;
  address: string;
  family: 4 | 6;
  local: number;
  remote: number;
}

export interface PortFailure {
  index: number;
  /** The requested local port (0 if it was to be picked). */
  local: number;
  remote: number;
  /** `Listeners failed to create with the following errors: [...]` */
  message: string;
  /** Every error was EADDRINUSE: the contract's `port-in-use`. */
  inUse: boolean;
}

export interface ListenResult {
  servers: Server[];
  bindings: Binding[];
  failures: PortFailure[];
  /** The local port per argument (0 where it failed). */
  localPorts: number[];
}

const BIND_TEXT: Record<string, string> = {
  EADDRINUSE: 'bind: address already in use',
  EACCES: 'bind: permission denied',
  EADDRNOTAVAIL: 'bind: cannot assign requested address',
  EAFNOSUPPORT: 'socket: address family not supported by protocol',
};

function listenErrorText(addr: ListenAddress, port: number, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const why = BIND_TEXT[code] ?? describe(err);
  return `unable to create listener: Error listen tcp${addr.family} ${joinHostPort(addr.address, port)}: ${why}`;
}

function listenOne(addr: ListenAddress, port: number, onConnection: (s: Socket) => void): Promise<Server> {
  return new Promise((resolve, reject) => {
    // allowHalfOpen: a client's FIN must not close our side before the pod's answer is written.
    const server = createServer({ allowHalfOpen: true, noDelay: true }, onConnection);
    const onError = (err: Error): void => {
      server.close();
      reject(err);
    };
    server.once('error', onError);
    server.listen({ host: addr.address, port, ipv6Only: addr.family === 6, exclusive: true }, () => {
      server.off('error', onError);
      // Errors after listening (EMFILE on accept) must not crash the process.
      server.on('error', () => {});
      resolve(server);
    });
  });
}

/** Binds every port on every address. Never throws for bind errors: see `failures`. */
export async function bindListeners(
  pairs: readonly PortPair[],
  addresses: readonly ListenAddress[],
  onConnection: (socket: Socket, index: number, local: number) => void,
): Promise<ListenResult> {
  const result: ListenResult = { servers: [], bindings: [], failures: [], localPorts: [] };
  for (const [index, pair] of pairs.entries()) {
    let local = pair.local;
    const errors: string[] = [];
    const codes: string[] = [];
    const fail = { all: 0, any: 0 };
    const ok = { all: 0, any: 0 };
    for (const addr of addresses) {
      try {
        const portForHandler = { value: local };
        const server = await listenOne(addr, local, (s) => onConnection(s, index, portForHandler.value));
        const bound = (server.address() as AddressInfo).port;
        portForHandler.value = bound;
        if (local === 0) local = bound;
        result.servers.push(server);
        result.bindings.push({ index, address: addr.address, family: addr.family, local: bound, remote: pair.remote });
        ok[addr.failureMode]++;
      } catch (err) {
        errors.push(listenErrorText(addr, local, err));
        codes.push((err as NodeJS.ErrnoException).code ?? '');
        fail[addr.failureMode]++;
      }
    }
    const failed = (ok.all === 0 && fail.all > 0) || fail.any > 0;
    if (failed) {
      // kubectl keeps the listeners that did bind for a failed port; it is still "failed".
      result.failures.push({
        index,
        local: pair.local,
        remote: pair.remote,
        message: `Listeners failed to create with the following errors: [${errors.join(' ')}]`,
        inUse: codes.length > 0 && codes.every((c) => c === 'EADDRINUSE'),
      });
    }
    result.localPorts.push(failed && ok.all + ok.any === 0 ? 0 : local);
  }
  return result;
}

export function closeServers(servers: readonly Server[]): Promise<void> {
  return Promise.all(servers.map((s) => new Promise<void>((done) => (s.listening ? s.close(() => done()) : done())))).then(() => {});
}
