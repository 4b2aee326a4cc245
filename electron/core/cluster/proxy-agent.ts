// The cluster's `proxy-url` (http, https, socks5), else HTTPS_PROXY/HTTP_PROXY/NO_PROXY as Go's
// http.ProxyFromEnvironment reads them (docs/kubeconfig.md, Clusters). The tunnel is made inside the agent's
// createConnection, so every user of ClusterConnection.agent (requests, watches, WebSocket
// port-forwards, the proxy's upgrades) goes through it unchanged. client-node reads proxy-url
// only for some requests and not for its WebSockets; this fills that gap.
import { Agent as HttpAgent, type ClientRequestArgs } from 'node:http';
import type { Duplex } from 'node:stream';
import { Agent as HttpsAgent, type AgentOptions } from 'node:https';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { once } from 'node:events';

/** The proxy for a request to `server`, or undefined to go direct. */
export function proxyFor(server: URL, proxyUrl: string | undefined, env: NodeJS.ProcessEnv): URL | undefined {
  if (proxyUrl) return new URL(proxyUrl);
  const host = server.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  // Go never proxies loopback (net/http/httpproxy: "requests to localhost … are not proxied").
  if (host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1') return undefined;
  const get = (name: string): string | undefined => env[name.toUpperCase()] || env[name.toLowerCase()] || undefined;
  const proxy = server.protocol === 'https:' ? get('https_proxy') : get('http_proxy');
  if (!proxy) return undefined;
  const port = server.port || (server.protocol === 'https:' ? '443' : '80');
  if (bypassed(host, port, get('no_proxy') ?? '')) return undefined;
  try {
    return new URL(proxy.includes('://') ? proxy : `http://${proxy}`);
  } catch {
    return undefined;
  }
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (!base || isIP(base) !== 4 || isIP(ip) !== 4 || !Number.isInteger(bits)) return false;
  const toInt = (a: string): number => a.split('.').reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (toInt(ip) & mask) === (toInt(base) & mask);
}

/** NO_PROXY: `*`, hosts, `host:port`, IPs, CIDRs; `example.com` covers subdomains, `.example.com` only them. */
export function bypassed(host: string, port: string, noProxy: string): boolean {
  for (const raw of noProxy.split(/[,\s]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (inCidr(host, entry)) return true;
      continue;
    }
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, ''));
    entry = m?.[1] ?? entry;
    if (m?.[2] && m[2] !== port) continue;
    if (entry.startsWith('.')) {
      if (host.endsWith(entry)) return true;
    } else if (host === entry || host.endsWith('.' + entry)) {
      return true;
    }
  }
  return false;
}

async function readUntil(socket: Socket, done: (buf: Buffer) => number): Promise<Buffer> {
  let buf = Buffer.alloc(0);
  for (;;) {
    const need = done(buf);
    if (need <= buf.length && need > 0) {
      const rest = buf.subarray(need);
      if (rest.length > 0) socket.unshift(rest);
      return buf.subarray(0, need);
    }
    const chunk = socket.read() as Buffer | null;
    if (chunk) {
      buf = Buffer.concat([buf, chunk]);
      continue;
    }
    await Promise.race([
      once(socket, 'readable'),
      once(socket, 'end').then(() => {
        throw new Error('the proxy closed the connection');
      }),
    ]);
  }
}

async function connectToProxy(proxy: URL): Promise<Socket> {
  const port = Number(proxy.port || (proxy.protocol === 'https:' ? 443 : proxy.protocol === 'socks5:' ? 1080 : 80));
  const host = proxy.hostname.replace(/^\[|\]$/g, '');
  const socket =
    proxy.protocol === 'https:' ? tlsConnect({ host, port, servername: isIP(host) ? undefined : host }) : netConnect({ host, port });
  await once(socket, proxy.protocol === 'https:' ? 'secureConnect' : 'connect');
  return socket;
}

async function httpConnect(proxy: URL, host: string, port: number): Promise<Socket> {
  const socket = await connectToProxy(proxy);
  const target = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  const auth = proxy.username
    ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}\r\n`
    : '';
  socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth}\r\n`);
  const head = await readUntil(socket, (b) => {
    const i = b.indexOf('\r\n\r\n');
    return i < 0 ? 0 : i + 4;
  });
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.toString('latin1'))?.[1];
  if (status !== '200') {
    socket.destroy();
    throw new Error(`proxy ${proxy.host} refused CONNECT ${target}: ${head.toString('latin1').split('\r\n')[0]}`);
  }
  return socket;
}

async function socks5Connect(proxy: URL, host: string, port: number): Promise<Socket> {
  const socket = await connectToProxy(proxy);
  socket.pause();
  const user = decodeURIComponent(proxy.username);
  const pass = decodeURIComponent(proxy.password);
  socket.write(Buffer.from(user ? [5, 2, 0, 2] : [5, 1, 0]));
  const method = await readUntil(socket, () => 2);
  if (method[0] !== 5 || (method[1] !== 0 && method[1] !== 2)) throw new Error(`socks5 proxy ${proxy.host} offers no usable auth method`);
  if (method[1] === 2) {
    socket.write(
      Buffer.concat([
        Buffer.from([1, Buffer.byteLength(user)]),
        Buffer.from(user),
        Buffer.from([Buffer.byteLength(pass)]),
        Buffer.from(pass),
      ]),
    );
    const ok = await readUntil(socket, () => 2);
    if (ok[1] !== 0) throw new Error(`socks5 proxy ${proxy.host} refused the username/password`);
  }
  const family = isIP(host);
  const addr =
    family === 4
      ? Buffer.from([1, ...host.split('.').map(Number)])
      : family === 6
        ? Buffer.concat([Buffer.from([4]), ipv6Bytes(host)])
        : Buffer.concat([Buffer.from([3, Buffer.byteLength(host)]), Buffer.from(host)]);
  socket.write(Buffer.concat([Buffer.from([5, 1, 0]), addr, Buffer.from([port >> 8, port & 0xff])]));
  const reply = await readUntil(socket, (b) => {
    if (b.length < 5) return 0;
    const len = b[3] === 1 ? 4 : b[3] === 4 ? 16 : 1 + b[4]!;
    return 4 + len + 2;
  });
  if (reply[1] !== 0) {
    socket.destroy();
    throw new Error(`socks5 proxy ${proxy.host} could not connect to ${host}:${port} (reply ${reply[1]})`);
  }
  socket.resume();
  return socket;
}

function ipv6Bytes(ip: string): Buffer {
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
}

function tunnel(proxy: URL, host: string, port: number): Promise<Socket> {
  return proxy.protocol === 'socks5:' ? socks5Connect(proxy, host, port) : httpConnect(proxy, host, port);
}

type ConnectCallback = (err: Error | null, stream: Duplex) => void;
type ConnectOptions = ClientRequestArgs;

/** An https.Agent whose sockets go through `proxy`; TLS to the apiserver runs inside the tunnel. */
export class ProxiedHttpsAgent extends HttpsAgent {
  readonly proxy: URL;
  constructor(opts: AgentOptions, proxy: URL) {
    super(opts);
    this.proxy = proxy;
  }
  // Node's Agent accepts the socket through the callback (net.Agent createConnection contract).
  override createConnection(options: ConnectOptions, cb?: ConnectCallback): undefined {
    const host = String(options.host ?? 'localhost').replace(/^\[|\]$/g, '');
    tunnel(this.proxy, host, Number(options.port ?? 443)).then(
      (raw) => cb?.(null, tlsConnect({ ...(options as ConnectionOptions), socket: raw })),
      (err: Error) => cb?.(err, undefined as unknown as Duplex),
    );
    return undefined;
  }
}

export class ProxiedHttpAgent extends HttpAgent {
  readonly proxy: URL;
  constructor(proxy: URL) {
    super({ keepAlive: true, maxSockets: 256 });
    this.proxy = proxy;
  }
  override createConnection(options: ConnectOptions, cb?: ConnectCallback): undefined {
    tunnel(this.proxy, String(options.host ?? 'localhost').replace(/^\[|\]$/g, ''), Number(options.port ?? 80)).then(
      (s) => cb?.(null, s),
      (err: Error) => cb?.(err, undefined as unknown as Duplex),
    );
    return undefined;
  }
}
