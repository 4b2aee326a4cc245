// Port-forward over SPDY/3.1 (docs/port-forward.md, protocols B and C; kubelet's portforward/httpstream.go), what
// kubectl 1.32 speaks: per local connection the client opens an `error` stream and a `data`
// stream with headers `streamtype`, `port`, `requestid`; the server answers each SYN_STREAM
// with a SYN_REPLY, pairs the two by request id, dials the port and copies bytes both ways.
// The client half-closes the error stream at once and reads it to EOF after the data stream
// ends, so the server always FINs the error stream (with the error text first, if any).
// kubectl never sends WINDOW_UPDATE, so no send window is enforced; PINGs are echoed.
// The transport is the upgraded socket, or the WebSocket tunnel's byte stream. The streams and
// their pairs are in portforward-spdy-streams.ts, dialing a pair's port in portforward-spdy-dial.ts,
// and writes to the client, which pause a pod that fills them, in portforward-spdy-writer.ts.
import type { Duplex } from 'node:stream';
import type { Logger } from '../log.ts';
import { forwardErrorText, type ForwardSession } from './portforward-sessions.ts';
import type { ForwardTarget } from './portforward-target.ts';
import { BackendHold } from './backend-hold.ts';
import { dialPair } from './portforward-spdy-dial.ts';
import { newPair, openedStream, type SpdyStream, type StreamPair } from './portforward-spdy-streams.ts';
import { SpdyConnectionWriter } from './portforward-spdy-writer.ts';
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

export class SpdyPortForward implements ForwardSession {
  #io: Duplex;
  #target: ForwardTarget;
  #log: Logger | undefined;
  #parser = new FrameParser();
  #inflater = new HeaderDecompressor();
  #deflater = new HeaderCompressor();
  #streams = new Map<number, SpdyStream>();
  #pairs = new Map<string, StreamPair>();
  #queue: Promise<void> = Promise.resolve();
  #closed = false;
  #lastStream = 0;
  #onClose: () => void;
  #hold: BackendHold;
  #out: SpdyConnectionWriter;

  constructor(io: Duplex, target: ForwardTarget, opts: { log?: Logger; onClose: () => void; head?: Buffer }) {
    this.#io = io;
    this.#target = target;
    this.#log = opts.log;
    this.#onClose = opts.onClose;
    this.#out = new SpdyConnectionWriter(io);
    this.#hold = new BackendHold(
      () => io.pause(),
      () => io.resume(),
    );
    io.on('data', (chunk: Buffer) => this.#feed(chunk));
    io.on('end', () => this.close());
    io.on('close', () => this.close());
    io.on('error', () => this.close());
    if (opts.head && opts.head.length) this.#feed(opts.head);
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
        this.#out.write(Buffer.concat([Buffer.from([0x80, 0x03, 0x00, FrameType.PING, 0, 0, 0, 4]), f.data.subarray(0, 4)]));
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
      this.#out.write(rstStreamFrame(id, RstStatus.PROTOCOL_ERROR));
      return;
    }
    this.#lastStream = id;
    const stream = openedStream(id, flags, headers);
    const { type, requestId } = stream;
    this.#streams.set(id, stream);
    this.#out.write(synReplyFrame(this.#deflater, id, new Map(), false));
    if (type !== 'error' && type !== 'data') {
      this.#fin(stream);
      return;
    }
    let pair = this.#pairs.get(requestId);
    if (!pair) {
      pair = newPair(requestId);
      this.#pairs.set(requestId, pair);
    }
    pair[type] = stream;
    if (pair.error && pair.data) this.#startPair(pair);
  }

  #fin(s: SpdyStream | undefined, text?: string): void {
    if (!s || s.localFin) return;
    if (text) this.#out.write(dataFrame(s.id, Buffer.from(text, 'utf8'), false));
    s.localFin = true;
    this.#out.write(dataFrame(s.id, Buffer.alloc(0), true));
    this.#forget(s);
  }

  #forget(s: SpdyStream): void {
    if (s.localFin && s.remoteFin) this.#streams.delete(s.id);
  }

  #endPair(pair: StreamPair, errorText?: string): void {
    if (pair.done) return;
    pair.done = true;
    pair.socket?.destroy();
    this.#out.forget(pair.socket);
    this.#fin(pair.data);
    this.#fin(pair.error, errorText);
    this.#pairs.delete(pair.requestId);
  }

  #startPair(pair: StreamPair): void {
    dialPair(pair, this.#target, {
      send: (frame, socket) => this.#out.write(frame, socket),
      end: (errorText) => this.#endPair(pair, errorText),
    });
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
    this.#out.write(goAwayFrame(this.#lastStream, 0));
    this.#log?.debug('demo port-forward aborted', { namespace: this.#target.namespace, pod: this.#target.pod });
    this.close(true);
  }

  close(graceful = false): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#out.close();
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
