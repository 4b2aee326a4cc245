// Port-forward over WebSocket channels (docs/port-forward.md, protocol A; kubelet's
// pkg/cri/streaming/portforward/websocket.go): `?ports=P[&ports=Q]`, subprotocol
// `v4.channel.k8s.io` (binary: channel byte + payload) or `v4.base64.channel.k8s.io` (text:
// channel digit + base64). Port i uses channel 2i for data and 2i+1 for errors; the first
// message on each channel is the port as uint16 little-endian. Each port dials its backend
// when the socket opens; the WebSocket closes once every port's connection has ended.
import type { Socket } from 'node:net';
import type { WebSocket, RawData } from 'ws';
import { BackendHold } from './backend-hold.ts';
import type { ForwardSession } from './portforward-sessions.ts';
import { forwardErrorText } from './portforward-sessions.ts';
import { dialPort, refusedText, socketErrorText, type ForwardTarget } from './portforward-target.ts';

export const V4_BINARY = 'v4.channel.k8s.io';
export const V4_BASE64 = 'v4.base64.channel.k8s.io';
/** Accepted as an alias of the binary protocol. */
export const PORTFORWARD_ALIAS = 'portforward.k8s.io';
export const WEBSOCKET_PROTOCOLS = [V4_BINARY, V4_BASE64, PORTFORWARD_ALIAS] as const;

const HIGH_WATER = 4 * 1024 * 1024;

/** `ports=80&ports=8080` or `ports=80,8080`; throws the kubelet's message when invalid. */
export function parsePorts(values: string[]): number[] {
  if (values.length === 0) throw new Error('query parameter "port" is required');
  const out: number[] = [];
  for (const v of values) {
    if (v === '') throw new Error('query parameter "port" cannot be empty');
    for (const p of v.split(',')) {
      if (!/^\d+$/.test(p) || Number(p) > 65535)
        throw new Error(`unable to parse "${p}" as a port: strconv.ParseUint: parsing "${p}": invalid syntax`);
      if (Number(p) < 1) throw new Error(`port "${v}" must be > 0`);
      out.push(Number(p));
    }
  }
  return out;
}

interface PortState {
  port: number;
  socket: Socket | undefined;
  done: boolean;
  connected: boolean;
}

export class WebSocketPortForward implements ForwardSession {
  #ws: WebSocket;
  #target: ForwardTarget;
  #base64: boolean;
  #ports: PortState[];
  #closed = false;
  #torn = false;
  #onClose: () => void;
  #hold: BackendHold;

  constructor(ws: WebSocket, target: ForwardTarget, ports: number[], protocol: string, onClose: () => void) {
    this.#ws = ws;
    this.#target = target;
    this.#base64 = protocol === V4_BASE64;
    this.#onClose = onClose;
    this.#hold = new BackendHold(
      () => ws.pause(),
      () => ws.resume(),
    );
    this.#ports = ports.map((port) => ({ port, socket: undefined, done: false, connected: false }));
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('close', () => this.#teardown());
    ws.on('error', () => this.#teardown());
    this.#ports.forEach((p, i) => this.#start(p, i));
  }

  #send(channel: number, payload: Buffer | string, cb?: () => void): void {
    if (this.#ws.readyState !== this.#ws.OPEN) return;
    const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    if (this.#base64) {
      this.#ws.send(String.fromCharCode(48 + channel) + bytes.toString('base64'), cb);
    } else {
      const frame = Buffer.allocUnsafe(bytes.length + 1);
      frame[0] = channel;
      bytes.copy(frame, 1);
      this.#ws.send(frame, cb);
    }
  }

  #start(p: PortState, i: number): void {
    const header = Buffer.alloc(2);
    header.writeUInt16LE(p.port, 0);
    this.#send(2 * i, header);
    this.#send(2 * i + 1, header);
    const socket = dialPort(this.#target, p.port);
    if (!socket) {
      this.#send(2 * i + 1, refusedText(this.#target, p.port));
      this.#finish(p);
      return;
    }
    p.socket = socket;
    socket.on('connect', () => {
      p.connected = true;
    });
    socket.on('data', (chunk: Buffer) => {
      this.#send(2 * i, chunk, () => {
        if (this.#ws.bufferedAmount < HIGH_WATER && socket.isPaused()) socket.resume();
      });
      if (this.#ws.bufferedAmount >= HIGH_WATER) socket.pause();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (!p.done) this.#send(2 * i + 1, socketErrorText(this.#target, p.port, err, p.connected));
      this.#finish(p);
    });
    socket.on('close', () => this.#finish(p));
  }

  #finish(p: PortState): void {
    if (p.done) return;
    p.done = true;
    p.socket?.destroy();
    if (this.#ports.every((x) => x.done)) this.#close(1000);
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    let buf: Buffer;
    let channel: number;
    if (this.#base64 && !isBinary) {
      const text = data.toString();
      if (text.length === 0) return;
      channel = text.charCodeAt(0) - 48;
      buf = Buffer.from(text.slice(1), 'base64');
    } else {
      const raw = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (raw.length === 0) return;
      channel = raw[0]!;
      buf = raw.subarray(1);
    }
    if (channel % 2 !== 0) return;
    const p = this.#ports[channel / 2];
    if (!p || p.done || !p.socket || buf.length === 0) return;
    this.#hold.write(p.socket, buf);
  }

  #close(code: number): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ws.readyState === this.#ws.OPEN) this.#ws.close(code);
    this.#teardown();
  }

  #teardown(): void {
    if (this.#torn) return;
    this.#torn = true;
    for (const p of this.#ports) {
      p.done = true;
      p.socket?.destroy();
    }
    this.#closed = true;
    this.#onClose();
  }

  /** True once the session has ended (it may end inside the constructor: nothing to dial). */
  get closed(): boolean {
    return this.#torn;
  }

  abort(cause: string): void {
    this.#ports.forEach((p, i) => {
      if (!p.done) this.#send(2 * i + 1, forwardErrorText(p.port, this.#target.sandbox, cause));
    });
    this.#close(1011);
    setTimeout(() => this.#ws.terminate(), 1000).unref();
  }

  /** Ends the session without an error (apiserver shutdown). */
  terminate(): void {
    this.#teardown();
    this.#ws.terminate();
  }
}
