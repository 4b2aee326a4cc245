// One SPDY/3.1 port-forward connection to a pod, shared by every local connection of a forward
// (client-go/tools/portforward/portforward.go handleConnection): per local connection an `error`
// stream (half-closed at once) and a `data` stream (pair-open-frames.ts). Unlike kubectl, data
// follows the SYN_STREAMs at once instead of waiting for each SYN_REPLY: frames of one stream are
// handled in order by the server (moby/spdystream connection.go partitions them by stream id).
//
// Flow control (SPDY/3.1 §2.6.8): our receive windows are opened wide and credited as local
// sockets take the bytes (receive-windows.ts); our sends honour the peer's windows
// (send-windows.ts). Pings keep the connection up and tell whether the peer is there (link-pings.ts).
import { HeaderCompressor } from '../../kube/spdy/header-block.ts';
import { FrameReader, type FrameSink } from '../../kube/spdy/frame-reader.ts';
import { FrameType, RstStatus, dataHead, rstStreamFrame } from '../../kube/spdy/spdy-frames.ts';
import type { ByteChannel, ChannelEvents } from './byte-channel.ts';
import { LinkPings } from './link-pings.ts';
import { pairOpenFrames } from './pair-open-frames.ts';
import { ReceiveWindows } from './receive-windows.ts';
import { SendWindows } from './send-windows.ts';
import type { Pair, PairHandlers } from './stream-pair.ts';

/** Pause local senders while the channel holds more than this. */
const CHANNEL_HIGH = 4 * 1024 * 1024;
const MAX_STREAM_ID = 0x7fffffff - 4;

/** The first `n` bytes of `parts`, as views. */
function firstBytes(parts: readonly Buffer[], n: number): Buffer[] {
  const out: Buffer[] = [];
  for (const p of parts) {
    if (n <= 0) break;
    out.push(p.length <= n ? p : p.subarray(0, n));
    n -= p.length;
  }
  return out;
}

export class SpdyLink {
  readonly transport: string;
  #channel: ByteChannel;
  #headers = new HeaderCompressor();
  #reader: FrameReader;
  #byId = new Map<number, Pair>();
  #nextId = 1;
  #requestId = 0;
  #windows = new SendWindows();
  #receive: ReceiveWindows;
  #pings = new LinkPings((frame) => this.#channel.send([frame]));
  #goneAway = false;
  #closed = false;
  #onClosed: () => void;

  constructor(transport: string, open: (events: ChannelEvents) => ByteChannel, opts: { pingMs: number; onClosed: () => void }) {
    this.transport = transport;
    this.#onClosed = opts.onClosed;
    const sink: FrameSink = { control: (t, f, p) => this.#control(t, f, p), data: (id, c, fin) => this.#data(id, c, fin) };
    this.#reader = new FrameReader(sink);
    this.#channel = open({
      data: (chunk) => {
        try {
          this.#reader.push(chunk);
        } catch {
          this.#channel.destroy();
        }
      },
      drain: () => {
        for (const p of new Set(this.#byId.values())) p.h.writable();
      },
      closed: (abnormal) => this.#close(abnormal && !this.#goneAway),
    });
    this.#receive = new ReceiveWindows(this.#channel);
    if (this.#closed) return; // the channel closed while opening: nothing to ping
    this.#pings.start(opts.pingMs);
  }

  /** Whether the peer answered one of our pings within the last `ms` (the apiserver, and the kubelet behind it, are there). */
  answeredWithin(ms: number): boolean {
    return !this.#closed && this.#pings.answeredWithin(ms);
  }

  /** False once the peer said GOAWAY, the connection closed, or stream ids ran out. */
  get usable(): boolean {
    return !this.#closed && !this.#goneAway && this.#nextId < MAX_STREAM_ID;
  }

  /** The local socket should wait: the channel holds too much. */
  get congested(): boolean {
    return this.#channel.writableLength > CHANNEL_HIGH;
  }

  /** Opens the error and data streams for one local connection to `port`. */
  open(port: number, h: PairHandlers): Pair {
    const errorId = this.#nextId;
    const dataId = errorId + 2;
    this.#nextId += 4;
    const pair: Pair = { dataId, errorId, h, sendWindow: this.#windows.initial, replies: 0, owed: 0, credit: 0, stalled: false };
    this.#byId.set(errorId, pair);
    this.#byId.set(dataId, pair);
    this.#channel.send(pairOpenFrames(this.#headers, pair, port, String(this.#requestId++)));
    return pair;
  }

  /**
   * Sends what the peer's windows allow of `parts` (`length` bytes in all; all of them unless the
   * peer keeps windows) as one data frame; returns the bytes sent. `written` as ByteChannel.send.
   */
  send(pair: Pair, parts: readonly Buffer[], length: number, written?: () => void): number {
    if (this.#closed || !this.#byId.has(pair.dataId)) return length;
    const n = this.#windows.allow(pair, length);
    if (n === 0) return 0;
    this.#windows.sent(pair, n);
    this.#channel.send([dataHead(pair.dataId, n, false), ...(n === length ? parts : firstBytes(parts, n))], written);
    return n;
  }

  /** Whether the pairs' data chunks are buffers of their own and sends report when written (byte-channel.ts). */
  get ownsBuffers(): boolean {
    return this.#channel.ownsBuffers;
  }

  /** Our side of the data stream is done (the local client half-closed). */
  finish(pair: Pair): void {
    if (this.#closed || !this.#byId.has(pair.dataId)) return;
    this.#channel.send([dataHead(pair.dataId, 0, true)]);
  }

  /** Resets both streams and forgets the pair. */
  reset(pair: Pair): void {
    if (this.#byId.get(pair.dataId) !== pair) return;
    this.#forget(pair);
    if (this.#closed) return;
    this.#channel.send([rstStreamFrame(pair.dataId, RstStatus.CANCEL)]);
    this.#channel.send([rstStreamFrame(pair.errorId, RstStatus.CANCEL)]);
  }

  /** Both streams ended normally: forget the pair. */
  release(pair: Pair): void {
    if (this.#byId.get(pair.dataId) === pair) this.#forget(pair);
  }

  /** The local socket took `n` bytes of the pair's data: return the credit (batched). */
  credited(pair: Pair, n: number): void {
    this.#receive.credited(pair, n, this.#byId.has(pair.dataId) && !this.#closed);
  }

  /** Ends the connection (the forward stops or moves on). */
  close(): void {
    if (this.#closed) return;
    this.#channel.end();
    setTimeout(() => this.#channel.destroy(), 1000).unref();
    this.#close(false);
  }

  #forget(pair: Pair): void {
    this.#receive.forget(pair);
    this.#byId.delete(pair.dataId);
    this.#byId.delete(pair.errorId);
  }

  #data(id: number, chunk: Buffer, fin: boolean): void {
    const pair = this.#byId.get(id);
    this.#receive.received(chunk.length, !this.#closed);
    if (!pair) return; // a stream already gone (kubectl drops these too)
    if (id === pair.errorId) {
      if (chunk.length) pair.h.errorData(chunk);
      if (fin) pair.h.errorEnd();
      return;
    }
    if (chunk.length) {
      this.#receive.owe(pair, chunk.length);
      pair.h.data(chunk);
    }
    if (fin) pair.h.dataEnd();
  }

  #control(type: number, _flags: number, p: Buffer): void {
    switch (type) {
      case FrameType.SYN_REPLY: {
        const pair = this.#byId.get(p.readUInt32BE(0) & 0x7fffffff);
        if (!pair) return;
        if (++pair.replies === 1) pair.h.answered?.();
        if (pair.replies === 2) pair.h.replied?.();
        return;
      }
      case FrameType.RST_STREAM: {
        const pair = this.#byId.get(p.readUInt32BE(0) & 0x7fffffff);
        if (pair) {
          this.#forget(pair);
          pair.h.reset();
        }
        return;
      }
      case FrameType.SETTINGS:
        this.#windows.settings(p, new Set(this.#byId.values()));
        return;
      case FrameType.PING:
        this.#pings.received(p);
        return;
      case FrameType.GOAWAY:
        this.#goneAway = true;
        return;
      case FrameType.WINDOW_UPDATE: {
        const id = p.readUInt32BE(0) & 0x7fffffff;
        const pair = this.#byId.get(id);
        if (id !== 0 && pair?.dataId !== id) return;
        this.#windows.update(pair, p.readUInt32BE(4) & 0x7fffffff);
        for (const q of pair ? [pair] : new Set(this.#byId.values())) q.h.writable();
        return;
      }
      case FrameType.SYN_STREAM:
        // Port-forward servers open no streams.
        this.#channel.send([rstStreamFrame(p.readUInt32BE(0) & 0x7fffffff, RstStatus.REFUSED_STREAM)]);
        return;
      default:
        return; // HEADERS: nothing port-forward needs is in them.
    }
  }

  #close(abnormal: boolean): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pings.stop();
    const pairs = new Set(this.#byId.values());
    this.#byId.clear();
    this.#onClosed();
    for (const p of pairs) p.h.closed(abnormal);
  }
}
