// Plain HTTP probes for proxy tests: a request with exactly the headers given (no Host added
// unless asked), and a raw-bytes request for what Node's client can't send (HTTP/1.0 without
// Host, absolute-form targets, two Host headers, SPDY upgrades).
import { request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { connect, createServer, type Socket } from 'node:net';

export interface ProbeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ProbeOptions {
  method?: string;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
  socketPath?: string;
  host?: string;
}

export function probe(port: number, path: string, opts: ProbeOptions = {}): Promise<ProbeResponse> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: opts.host ?? '127.0.0.1',
      port: opts.socketPath ? undefined : port,
      socketPath: opts.socketPath,
      path,
      method: opts.method ?? 'GET',
      headers: { Host: `127.0.0.1:${port}`, ...opts.headers },
      agent: false,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.end(opts.body);
  });
}

export interface RawResponse extends ProbeResponse {
  raw: string;
}

function parseRawResponse(raw: string): RawResponse {
  const end = raw.indexOf('\r\n\r\n');
  const head = end >= 0 ? raw.slice(0, end) : raw;
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: IncomingHttpHeaders = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body: end >= 0 ? raw.slice(end + 4) : '', raw };
}

/** Sends `text` as is and reads until the server closes (or `ms` passes). */
export function rawRequest(port: number, text: string, ms = 5_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => s.destroy(), ms);
    s.on('data', (d: Buffer) => (data += d.toString('latin1')));
    s.on('error', reject);
    s.on('close', () => {
      clearTimeout(timer);
      resolve(parseRawResponse(data));
    });
    s.write(text);
  });
}

/** Sends an upgrade request and resolves once the response head has arrived, socket still open. */
export function rawUpgrade(port: number, text: string): Promise<{ socket: Socket; head: RawResponse; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      s.off('data', onData);
      resolve({ socket: s, head: parseRawResponse(buf.subarray(0, end + 4).toString('latin1')), rest: buf.subarray(end + 4) });
    };
    s.on('data', onData);
    s.on('error', reject);
    s.write(text);
  });
}

/** Reads from a socket until `n` bytes have arrived. */
export function readBytes(s: Socket, n: number, initial: Buffer = Buffer.alloc(0), ms = 5_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buf = initial;
    if (buf.length >= n) return resolve(buf);
    const timer = setTimeout(() => reject(new Error(`only ${buf.length} of ${n} bytes within ${ms} ms`)), ms);
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= n) {
        clearTimeout(timer);
        s.off('data', onData);
        resolve(buf);
      }
    };
    s.on('data', onData);
  });
}

/** True when nothing listens on 127.0.0.1:`port` (a listener closed, a failed start left nothing). */
export function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
