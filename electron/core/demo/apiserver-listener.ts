// The demo apiserver's HTTPS listener: TLS with the demo serving certificate, optional client
// certificates (verified against the demo CA, so `demo-cert` authenticates), every socket
// tracked so chaos can make the port refuse connections for a while (listener closed, open
// connections cut) and dispose() can free the port at once.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
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
