// The demo apiserver's HTTPS listener: TLS with the demo serving certificate, optional client
// certificates (verified against the demo CA, so `demo-cert` authenticates), every socket
// tracked so chaos can make the port refuse connections for a while (listener closed, open
// connections cut) and dispose() can free the port at once.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Duplex } from 'node:stream';
import type { Logger } from '../log.ts';

export interface ListenerOptions {
  host: string;
  port: number;
  tls: { certPem: string; keyPem: string; caPem: string };
  onRequest: (req: IncomingMessage, res: ServerResponse) => void;
  onUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  log?: Logger;
}

export class ApiserverListener {
  #server: Server;
  #opts: ListenerOptions;
  #sockets = new Set<Socket>();
  #port = 0;
  #refuseTimer: NodeJS.Timeout | undefined;
  #listening = false;
  #disposed = false;

  constructor(opts: ListenerOptions) {
    this.#opts = opts;
    this.#server = createServer(
      {
        cert: opts.tls.certPem,
        key: opts.tls.keyPem,
        ca: [opts.tls.caPem],
        requestCert: true,
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
        keepAliveTimeout: 30_000,
      },
      opts.onRequest,
    );
    this.#server.on('upgrade', opts.onUpgrade);
    this.#server.on('connection', (s: Socket) => this.#track(s));
    this.#server.on('secureConnection', (s: Socket) => this.#track(s));
    this.#server.on('tlsClientError', (_err: Error, s: Socket) => s.destroy());
    this.#server.on('clientError', (_err: Error, s: Duplex) => {
      if (!s.destroyed) s.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    });
    this.#server.on('error', (err) => opts.log?.warn('demo apiserver listener error', { error: err.message }));
  }

  #track(s: Socket): void {
    if (this.#sockets.has(s)) return;
    this.#sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => this.#sockets.delete(s));
  }

  get port(): number {
    return this.#port;
  }

  get openSockets(): number {
    return this.#sockets.size;
  }

  listen(port = this.#opts.port): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.#server.once('error', onError);
      this.#server.listen({ host: this.#opts.host, port, exclusive: true }, () => {
        this.#server.off('error', onError);
        this.#listening = true;
        this.#port = (this.#server.address() as AddressInfo).port;
        resolve(this.#port);
      });
    });
  }

  #closeNow(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.#listening) return resolve();
      this.#listening = false;
      this.#server.close(() => resolve());
      for (const s of this.#sockets) s.destroy();
      this.#sockets.clear();
    });
  }

  /** Closes the port and cuts every connection; reopens the same port after `seconds`. */
  refuse(seconds: number, onClosed?: () => void): void {
    if (this.#disposed) return;
    clearTimeout(this.#refuseTimer);
    void this.#closeNow().then(() => onClosed?.());
    this.#refuseTimer = setTimeout(
      () => {
        this.#refuseTimer = undefined;
        if (this.#disposed) return;
        this.listen(this.#port).catch((err: unknown) =>
          this.#opts.log?.error('demo apiserver could not reopen its port', {
            port: this.#port,
            error: err instanceof Error ? err.message : String(err),
          }),
        );
      },
      Math.max(0, seconds * 1000),
    );
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    clearTimeout(this.#refuseTimer);
    await this.#closeNow();
  }
}

// A blackholed port (docs/doctor.md, Demo faults): a listening socket that never accepts. Its
// thread's event loop is blocked, so the kernel's accept queue (backlog 1) fills with our own two
// connections, after which Linux and macOS drop every further SYN: a connect times out, as one to
// a firewalled address does, and no packet leaves this machine.
const BLACKHOLE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const server = require('node:net').createServer();
server.listen({ host: workerData.host, port: 0, backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  const flag = new Int32Array(workerData.flag);
  while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, 1000);
  server.close();
});
`;

export class BlackholeListener {
  #worker: Worker;
  #flag = new SharedArrayBuffer(4);
  #held: Socket[] = [];
  #port = 0;

  private constructor(host: string) {
    this.#worker = new Worker(BLACKHOLE_WORKER, { eval: true, workerData: { host, flag: this.#flag } });
    this.#worker.unref();
  }

  static async start(host: string): Promise<BlackholeListener> {
    const b = new BlackholeListener(host);
    b.#port = (await once(b.#worker, 'message'))[0] as number;
    // Fill the accept queue: connect until one connection is left hanging.
    for (let i = 0; i < 8; i++) {
      const s = netConnect({ host, port: b.#port });
      s.on('error', () => {});
      b.#held.push(s);
      const connected = await Promise.race([once(s, 'connect').then(() => true), delay(250).then(() => false)]);
      if (!connected) break;
    }
    return b;
  }

  get port(): number {
    return this.#port;
  }

  async dispose(): Promise<void> {
    for (const s of this.#held) s.destroy();
    this.#held = [];
    const flag = new Int32Array(this.#flag);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    await this.#worker.terminate();
  }
}
