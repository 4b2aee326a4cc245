// Port-forward wire protocols against the demo apiserver, byte by byte (docs/port-forward.md, Wire protocols):
// WebSocket v4 channels (binary and base64) and SPDY/3.1 spoken by a small client built from
// the demo's own framer plus Node's zlib (kubectl itself is covered in demo-kubectl.test.ts).
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { createDeflate, constants as zc } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { startDemoCluster, DEMO_ECHO, DEMO_WEB, type DemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { SPDY3_DICTIONARY } from '../../../../electron/core/demo/spdy-dictionary.ts';
import {
  FLAG_FIN,
  FrameParser,
  FrameType,
  dataFrame,
  decodeHeaderBlock,
  encodeHeaderBlock,
  synStreamFrame,
  type Frame,
} from '../../../../electron/core/demo/spdy-framer.ts';
import { createInflate } from 'node:zlib';
import { api } from './demo-support.ts';

let cluster: DemoCluster;

beforeAll(async () => {
  cluster = await startDemoCluster();
});

afterAll(async () => {
  await cluster?.dispose();
});

async function podOf(app: string): Promise<string> {
  const r = await api(cluster, `/api/v1/namespaces/shop/pods?labelSelector=app%3D${app}`);
  return r.json<{ items: Array<{ metadata: { name: string } }> }>().items[0]!.metadata.name;
}

function openWs(
  pod: string,
  query: string,
  protocols: string[],
): Promise<{ ws: WebSocket; messages: Array<Buffer | string>; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${cluster.url.replace('https', 'wss')}/api/v1/namespaces/shop/pods/${pod}/portforward?${query}`, protocols, {
      ca: cluster.caPem,
      headers: { Authorization: `Bearer ${cluster.credentials.token}` },
    });
    const messages: Array<Buffer | string> = [];
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('message', (d, isBinary) => messages.push(isBinary ? Buffer.from(d as Buffer) : d.toString()));
    ws.on('open', () => resolve({ ws, messages, closed }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
    onTestFinished(() => ws.terminate());
  });
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('WebSocket v4 channels', () => {
  it('sends the port header on both channels, then echoes data on channel 0', async () => {
    const { ws, messages } = await openWs(await podOf('echo'), `ports=${DEMO_ECHO.containerPort}`, [
      'v5.channel.k8s.io',
      'v4.channel.k8s.io',
    ]);
    expect(ws.protocol).toBe('v4.channel.k8s.io');
    await until(() => messages.length >= 2);
    expect(messages.slice(0, 2)).toEqual([Buffer.from([0, 0x28, 0x23]), Buffer.from([1, 0x28, 0x23])]);
    ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('hi')]));
    await until(() => Buffer.concat(messages.slice(2).map((m) => (m as Buffer).subarray(1))).toString() === 'hi');
    expect((messages[2] as Buffer)[0]).toBe(0);
  });

  it('speaks v4.base64.channel.k8s.io with text frames', async () => {
    const { ws, messages } = await openWs(await podOf('echo'), `ports=${DEMO_ECHO.containerPort}`, ['v4.base64.channel.k8s.io']);
    expect(ws.protocol).toBe('v4.base64.channel.k8s.io');
    await until(() => messages.length >= 2);
    expect(messages[0]).toBe('0' + Buffer.from([0x28, 0x23]).toString('base64'));
    ws.send('0' + Buffer.from('base64 works').toString('base64'));
    await until(() => messages.length >= 3);
    expect(Buffer.from((messages[2] as string).slice(1), 'base64').toString()).toBe('base64 works');
  });

  it('forwards two ports at once on channels 0/1 and 2/3', async () => {
    const { ws, messages } = await openWs(await podOf('api'), 'ports=8080&ports=9090', ['v4.channel.k8s.io']);
    await until(() => messages.length >= 4);
    ws.send(Buffer.concat([Buffer.from([2]), Buffer.from('GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')]));
    await until(() => messages.some((m) => Buffer.isBuffer(m) && m[0] === 2 && m.toString().includes('demo_up')));
  });

  it('reports a closed port on the error channel with the kubelet text, then closes', async () => {
    const pod = await podOf('web');
    const { messages, closed } = await openWs(pod, 'ports=9999', ['v4.channel.k8s.io']);
    expect(await closed).toBe(1000);
    const err = messages.find((m) => Buffer.isBuffer(m) && m[0] === 1 && m.length > 3) as Buffer;
    expect(err.subarray(1).toString()).toMatch(
      /^error forwarding port 9999 to pod [0-9a-f]{64}, uid : failed to connect to localhost:9999 inside namespace/,
    );
  });

  it('rejects bad ports and unknown pods before upgrading', async () => {
    await expect(openWs(await podOf('web'), 'ports=abc', ['v4.channel.k8s.io'])).rejects.toThrow('HTTP 400');
    await expect(openWs('nope', 'ports=80', ['v4.channel.k8s.io'])).rejects.toThrow('HTTP 404');
    await expect(openWs('report-generator', 'ports=80', ['v4.channel.k8s.io'])).rejects.toThrow('HTTP 400');
  });

  it('a restarted pod sends an error on its open forwards and closes them', async () => {
    const pod = await podOf('echo');
    const { messages, closed } = await openWs(pod, `ports=${DEMO_ECHO.containerPort}`, ['v4.channel.k8s.io']);
    await until(() => messages.length >= 2);
    await cluster.chaos.restartPod('shop', pod);
    expect(await closed).toBe(1011);
    const err = messages.find((m) => Buffer.isBuffer(m) && m[0] === 1 && m.length > 3) as Buffer;
    expect(err.subarray(1).toString()).toMatch(/failed to find sandbox "[0-9a-f]{64}" in store: not found/);
  });
});

/** A minimal SPDY/3.1 client: what kubectl does, with Node's zlib for header compression. */
class SpdyClient {
  socket: TLSSocket;
  frames: Frame[] = [];
  #parser = new FrameParser();
  #deflate = createDeflate({ dictionary: SPDY3_DICTIONARY });
  #inflate = createInflate({ dictionary: SPDY3_DICTIONARY });
  status = '';
  #head = '';

  constructor(socket: TLSSocket) {
    this.socket = socket;
    this.#inflate.on('error', () => {});
    socket.on('data', (d: Buffer) => {
      if (!this.status) {
        this.#head += d.toString('latin1');
        const end = this.#head.indexOf('\r\n\r\n');
        if (end < 0) return;
        this.status = this.#head.slice(0, end);
        const rest = Buffer.from(this.#head.slice(end + 4), 'latin1');
        if (rest.length) this.frames.push(...this.#parser.push(rest));
        return;
      }
      this.frames.push(...this.#parser.push(d));
    });
  }

  compress(headers: Record<string, string>): Promise<Buffer> {
    return new Promise((resolve) => {
      const out: Buffer[] = [];
      const onData = (c: Buffer): void => {
        out.push(c);
      };
      this.#deflate.on('data', onData);
      this.#deflate.write(encodeHeaderBlock(new Map(Object.entries(headers).map(([k, v]) => [k, [v]]))));
      this.#deflate.flush(zc.Z_SYNC_FLUSH, () =>
        setImmediate(() => {
          this.#deflate.off('data', onData);
          resolve(Buffer.concat(out));
        }),
      );
    });
  }

  inflateReply(f: Frame): Promise<Map<string, string[]>> {
    return new Promise((resolve) => {
      const out: Buffer[] = [];
      const onData = (c: Buffer): void => {
        out.push(c);
      };
      this.#inflate.on('data', onData);
      this.#inflate.write(f.data.subarray(4), () =>
        setImmediate(() => {
          this.#inflate.off('data', onData);
          resolve(decodeHeaderBlock(Buffer.concat(out)));
        }),
      );
    });
  }

  async open(id: number, headers: Record<string, string>, fin = false): Promise<void> {
    this.socket.write(synStreamFrame(id, await this.compress(headers), fin ? FLAG_FIN : 0));
  }

  dataFor(id: number): Buffer {
    return Buffer.concat(this.frames.filter((f) => !f.control && f.streamId === id).map((f) => f.data));
  }

  finned(id: number): boolean {
    return this.frames.some((f) => !f.control && f.streamId === id && (f.flags & FLAG_FIN) !== 0);
  }
}

async function spdyConnect(pod: string): Promise<SpdyClient> {
  const socket = tlsConnect({ host: '127.0.0.1', port: cluster.port, ca: cluster.caPem, servername: 'localhost' });
  onTestFinished(() => {
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', () => resolve());
    socket.once('error', reject);
  });
  const client = new SpdyClient(socket);
  socket.write(
    [
      `POST /api/v1/namespaces/shop/pods/${pod}/portforward HTTP/1.1`,
      `Host: 127.0.0.1:${cluster.port}`,
      `Authorization: Bearer ${cluster.credentials.token}`,
      'Connection: Upgrade',
      'Upgrade: SPDY/3.1',
      'X-Stream-Protocol-Version: portforward.k8s.io',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );
  await until(() => client.status !== '');
  return client;
}

describe('SPDY/3.1', () => {
  it('upgrades, replies to each stream, pairs error+data by requestid and carries bytes beyond 64 KiB', async () => {
    const client = await spdyConnect(await podOf('echo'));
    expect(client.status).toMatch(/^HTTP\/1\.1 101 Switching Protocols/);
    expect(client.status).toContain('X-Stream-Protocol-Version: portforward.k8s.io');
    await client.open(1, { streamtype: 'error', port: String(DEMO_ECHO.containerPort), requestid: '0' }, true);
    await client.open(3, { streamtype: 'data', port: String(DEMO_ECHO.containerPort), requestid: '0' });
    await until(() => client.frames.filter((f) => f.control && f.type === FrameType.SYN_REPLY).length === 2);
    const replies = client.frames.filter((f) => f.control && f.type === FrameType.SYN_REPLY);
    expect(replies.map((f) => f.data.readUInt32BE(0))).toEqual([1, 3]);
    expect((await client.inflateReply(replies[0]!)).size).toBe(0);
    const payload = Buffer.alloc(200_000, 'x');
    client.socket.write(dataFrame(3, payload, false));
    await until(() => client.dataFor(3).length === payload.length);
    client.socket.write(dataFrame(3, Buffer.alloc(0), true));
    await until(() => client.finned(3) && client.finned(1));
    expect(client.dataFor(1).length).toBe(0);
  });

  it('answers PING with the same id and reports a refused port on the error stream', async () => {
    const client = await spdyConnect(await podOf('web'));
    client.socket.write(Buffer.from([0x80, 0x03, 0x00, 0x06, 0, 0, 0, 4, 0, 0, 0, 7]));
    await until(() => client.frames.some((f) => f.control && f.type === FrameType.PING));
    expect(client.frames.find((f) => f.control && f.type === FrameType.PING)!.data.readUInt32BE(0)).toBe(7);
    await client.open(1, { streamtype: 'error', port: '9999', requestid: '0' }, true);
    await client.open(3, { streamtype: 'data', port: '9999', requestid: '0' });
    await until(() => client.finned(1));
    expect(client.dataFor(1).toString()).toMatch(/^error forwarding port 9999 to pod [0-9a-f]{64}, uid : failed to connect/);
    // A second pair on the same connection still works.
    await client.open(5, { streamtype: 'error', port: String(DEMO_WEB.containerPort), requestid: '1' }, true);
    await client.open(7, { streamtype: 'data', port: String(DEMO_WEB.containerPort), requestid: '1' });
    client.socket.write(dataFrame(7, Buffer.from('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), false));
    await until(() => client.dataFor(7).toString().includes('ok\n'));
  });

  it('refuses a client that does not offer portforward.k8s.io', async () => {
    const socket = tlsConnect({ host: '127.0.0.1', port: cluster.port, ca: cluster.caPem, servername: 'localhost' });
    onTestFinished(() => {
      socket.destroy();
    });
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString()));
    await new Promise<void>((r) => socket.once('secureConnect', () => r()));
    socket.write(
      `POST /api/v1/namespaces/shop/pods/${await podOf('web')}/portforward HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${cluster.credentials.token}\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: other.k8s.io\r\n\r\n`,
    );
    await until(() => text.includes('\r\n\r\n'));
    expect(text).toMatch(/^HTTP\/1\.1 403/);
  });

  it('an unauthenticated upgrade gets a 401 Status', async () => {
    const socket = tlsConnect({ host: '127.0.0.1', port: cluster.port, ca: cluster.caPem, servername: 'localhost' });
    onTestFinished(() => {
      socket.destroy();
    });
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString()));
    await new Promise<void>((r) => socket.once('secureConnect', () => r()));
    socket.write(`POST /api/v1/namespaces/shop/pods/x/portforward HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n\r\n`);
    await until(() => text.includes('"code":401'));
    expect(text).toMatch(/^HTTP\/1\.1 401 Unauthorized/);
  });
});
