// Port-forward over SPDY/3.1 (docs/port-forward.md, protocols B and C; kubelet's portforward/httpstream.go), what
// kubectl 1.32 speaks: per local connection the client opens an `error` stream and a `data`
// stream with headers `streamtype`, `port`, `requestid`; the server answers each SYN_STREAM
// with a SYN_REPLY, pairs the two by request id, dials the port and copies bytes both ways.
// The client half-closes the error stream at once and reads it to EOF after the data stream
// ends, so the server always FINs the error stream (with the error text first, if any).
// kubectl never sends WINDOW_UPDATE, so no send window is enforced; PINGs are echoed.
// The transport is the upgraded socket, or the WebSocket tunnel's byte stream.
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../log.ts';
import { forwardErrorText, type ForwardSession } from './portforward-sessions.ts';
import { dialPort, refusedText, socketErrorText, type ForwardTarget } from './portforward-target.ts';
import { BackendHold } from './backend-hold.ts';
import {
  FLAG_FIN,
  FrameParser,
  FrameType,
  HeaderCompressor,
  HeaderDecompressor,
  RstStatus,
  dataFrame,
  decodeHeaderBlock,
  goAwayFrame,
  rstStreamFrame,
  synReplyFrame,
  type Frame,
} from './spdy-framer.ts';

export const PORTFORWARD_PROTOCOL = 'portforward.k8s.io';

/** Bytes the connection may hold before the backends feeding it pause. */
const HIGH_WATER = 1024 * 1024;

interface Stream {
  id: number;
  type: string;
  port: number | undefined;
  requestId: string;
  localFin: boolean;
  remoteFin: boolean;
}

interface Pair {
  requestId: string;
  error?: Stream;
  data?: Stream;
  socket?: Socket;
  connected: boolean;
  done: boolean;
  /** Client bytes that arrived before the pair was complete. */
  early: Buffer[];
  earlyFin: boolean;
}

export class SpdyPortForward implements ForwardSession {
  #io: Duplex;
  #target: ForwardTarget;
  #log: Logger | undefined;
  #parser = new FrameParser();
  #inflater = new HeaderDecompressor();
  #deflater = new HeaderCompressor();
  #streams = new Map<number, Stream>();
  #pairs = new Map<string, Pair>();
  #queue: Promise<void> = Promise.resolve();
  #closed = false;
  #lastStream = 0;
  #paused = new Set<Socket>();
  #onClose: () => void;
  #hold: BackendHold;

  constructor(io: Duplex, target: ForwardTarget, opts: { log?: Logger; onClose: () => void; head?: Buffer }) {
    this.#io = io;
    this.#target = target;
    this.#log = opts.log;
    this.#onClose = opts.onClose;
    this.#hold = new BackendHold(
      () => io.pause(),
      () => io.resume(),
    );
    io.on('data', (chunk: Buffer) => this.#feed(chunk));
    io.on('end', () => this.close());
    io.on('close', () => this.close());
    io.on('error', () => this.close());
    io.on('drain', () => {
      for (const s of this.#paused) s.resume();
      this.#paused.clear();
    });
    if (opts.head && opts.head.length) this.#feed(opts.head);
  }

  #write(buf: Buffer, source?: Socket): void {
    if (this.#closed || this.#io.destroyed) return;
    this.#io.write(buf);
    // A backend pauses only once the connection holds HIGH_WATER, not whenever a write returns
    // false (any 64 KiB frame does): pausing and resuming per read cost two epoll changes and a
    // loop turn per 64 KiB. Still bounded: 1 MiB plus one read per connection.
    if (source && this.#io.writableLength >= HIGH_WATER) {
      source.pause();
      this.#paused.add(source);
    }
  }

  #feed(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.#parser.push(chunk);
    } catch {
      this.close();
      return;
    }
    // Frames are handled strictly in order: header blocks share one zlib context, and data
    // must not overtake the SYN_STREAM that opens its stream.
    for (const f of frames) this.#queue = this.#queue.then(() => this.#handle(f)).catch(() => this.close());
  }

  async #handle(f: Frame): Promise<void> {
    if (this.#closed) return;
    if (!f.control) return this.#onData(f.streamId, f.flags, f.data);
    switch (f.type) {
      case FrameType.SYN_STREAM:
        return this.#onSynStream(f.flags, f.data);
      case FrameType.RST_STREAM:
        return this.#onRst(f.data.readUInt32BE(0) & 0x7fffffff);
      case FrameType.PING:
        // Echo: kubectl's pings (odd ids) keep the connection alive.
        this.#write(Buffer.concat([Buffer.from([0x80, 0x03, 0x00, FrameType.PING, 0, 0, 0, 4]), f.data.subarray(0, 4)]));
        return;
      case FrameType.GOAWAY:
        this.close();
        return;
      case FrameType.HEADERS:
        // Shares the compression context: inflate to keep it in step, then ignore.
        await this.#inflater.decompress(f.data.subarray(4));
        return;
      default:
        return; // SETTINGS, WINDOW_UPDATE: nothing to do without flow control.
    }
  }

  async #onSynStream(flags: number, data: Buffer): Promise<void> {
    const id = data.readUInt32BE(0) & 0x7fffffff;
    const headers = decodeHeaderBlock(await this.#inflater.decompress(data.subarray(10)));
    if (this.#closed) return;
    if (id === 0 || id % 2 === 0 || id <= this.#lastStream) {
      this.#write(rstStreamFrame(id, RstStatus.PROTOCOL_ERROR));
      return;
    }
    this.#lastStream = id;
    const type = headers.get('streamtype')?.[0] ?? '';
    const portText = headers.get('port')?.[0];
    const requestId = headers.get('requestid')?.[0] ?? String(id);
    const port =
      portText !== undefined && /^\d+$/.test(portText) && Number(portText) > 0 && Number(portText) < 65536 ? Number(portText) : undefined;
    const stream: Stream = { id, type, port, requestId, localFin: false, remoteFin: (flags & FLAG_FIN) !== 0 };
    this.#streams.set(id, stream);
    this.#write(synReplyFrame(this.#deflater, id, new Map(), false));
    if (type !== 'error' && type !== 'data') {
      this.#fin(stream);
      return;
    }
    let pair = this.#pairs.get(requestId);
    if (!pair) {
      pair = { requestId, connected: false, done: false, early: [], earlyFin: false };
      this.#pairs.set(requestId, pair);
    }
    pair[type] = stream;
    if (pair.error && pair.data) this.#startPair(pair);
  }

  #fin(s: Stream | undefined, text?: string): void {
    if (!s || s.localFin) return;
    if (text) this.#write(dataFrame(s.id, Buffer.from(text, 'utf8'), false));
    s.localFin = true;
    this.#write(dataFrame(s.id, Buffer.alloc(0), true));
    this.#forget(s);
  }

  #forget(s: Stream): void {
    if (s.localFin && s.remoteFin) this.#streams.delete(s.id);
  }

  #endPair(pair: Pair, errorText?: string): void {
    if (pair.done) return;
    pair.done = true;
    pair.socket?.destroy();
    this.#paused.delete(pair.socket!);
    this.#fin(pair.data);
    this.#fin(pair.error, errorText);
    this.#pairs.delete(pair.requestId);
  }

  #startPair(pair: Pair): void {
    const port = pair.data!.port ?? pair.error!.port;
    if (port === undefined) {
      this.#endPair(pair, `unable to parse "${pair.data!.port ?? ''}" as a port`);
      return;
    }
    // The backend's reads land behind room for the data frame's head: each goes out as one
    // frame without a copy (dataFrame would concatenate).
    const socket = dialPort(this.#target, port, {
      headroom: 8,
      onRead: (frame) => {
        if (pair.data!.localFin) return;
        frame.writeUInt32BE(pair.data!.id & 0x7fffffff, 0);
        frame.writeUInt32BE(frame.length - 8, 4);
        this.#write(frame, socket);
      },
    });
    if (!socket) {
      this.#endPair(pair, refusedText(this.#target, port));
      return;
    }
    pair.socket = socket;
    for (const b of pair.early) socket.write(b);
    pair.early = [];
    if (pair.earlyFin) socket.end();
    socket.on('connect', () => {
      pair.connected = true;
    });
    socket.on('end', () => {
      // The pod's side finished writing: EOF on the data stream, then the (empty) error stream.
      this.#endPair(pair);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => this.#endPair(pair, socketErrorText(this.#target, port, err, pair.connected)));
    socket.on('close', () => this.#endPair(pair));
  }

  #onData(streamId: number, flags: number, data: Buffer): void {
    const s = this.#streams.get(streamId);
    if (!s) return;
    const fin = (flags & FLAG_FIN) !== 0;
    if (fin) {
      s.remoteFin = true;
      this.#forget(s);
    }
    if (s.type !== 'data') return;
    const pair = this.#pairs.get(s.requestId);
    if (!pair || pair.done) return;
    if (!pair.socket) {
      if (data.length) pair.early.push(Buffer.from(data));
      if (fin) pair.earlyFin = true;
      return;
    }
    if (data.length) this.#hold.write(pair.socket, data);
    if (fin) pair.socket.end();
  }

  #onRst(streamId: number): void {
    const s = this.#streams.get(streamId);
    if (!s) return;
    s.remoteFin = true;
    s.localFin = true;
    this.#streams.delete(streamId);
    const pair = this.#pairs.get(s.requestId);
    if (pair) {
      pair.done = true;
      pair.socket?.destroy();
      this.#pairs.delete(pair.requestId);
    }
  }

  abort(cause: string): void {
    for (const pair of [...this.#pairs.values()]) {
      const port = pair.data?.port ?? pair.error?.port ?? 0;
      this.#endPair(pair, forwardErrorText(port, this.#target.sandbox, cause));
    }
    this.#write(goAwayFrame(this.#lastStream, 0));
    this.#log?.debug('demo port-forward aborted', { namespace: this.#target.namespace, pod: this.#target.pod });
    this.close(true);
  }

  close(graceful = false): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const pair of this.#pairs.values()) pair.socket?.destroy();
    this.#pairs.clear();
    this.#streams.clear();
    this.#inflater.close();
    if (graceful) {
      this.#io.end();
      setTimeout(() => this.#io.destroy(), 1000).unref();
    } else {
      this.#io.destroy();
    }
    this.#onClose();
  }
}
