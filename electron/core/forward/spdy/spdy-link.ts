// One SPDY/3.1 port-forward connection to a pod, shared by every local connection of a forward
// (client-go/tools/portforward/portforward.go handleConnection): per local connection an `error`
// stream (half-closed at once) and a `data` stream, both with `streamType`, `port` and
// `requestID` headers. Unlike kubectl, data follows the SYN_STREAMs at once instead of waiting
// for each SYN_REPLY: frames of one stream are handled in order by the server
// (moby/spdystream connection.go partitions them by stream id).
//
// Flow control (SPDY/3.1 §2.6.8): we open our receive windows wide (SETTINGS and a connection
// WINDOW_UPDATE) and return credit as local sockets take the bytes; a stream whose socket stops
// reading gets no credit, and if the peer sends past its window anyway (spdystream does no flow
// control and ignores WINDOW_UPDATE), the whole connection pauses until that socket drains, as
// kubectl's frame workers block. Our sends honour the peer's windows (send-windows.ts).
import { HeaderCompressor } from '../../kube/spdy/header-block.ts';
import { FrameReader, type FrameSink } from '../../kube/spdy/frame-reader.ts';
import {
  DEFAULT_WINDOW,
  FrameType,
  RstStatus,
  SETTINGS_INITIAL_WINDOW_SIZE,
  dataHead,
  pingFrame,
  rstStreamFrame,
  settingsFrame,
  synStreamFrame,
  windowUpdateFrame,
} from '../../kube/spdy/spdy-frames.ts';
import type { ByteChannel, ChannelEvents } from './byte-channel.ts';
import { onSharedInterval } from '../shared-interval.ts';
import { SendWindows } from './send-windows.ts';
import type { Pair, PairHandlers } from './stream-pair.ts';

/** The per-stream window we grant; a stream's socket may hold this much before credit stops. */
const RECEIVE_WINDOW = 1024 * 1024;
const CONNECTION_WINDOW = 64 * 1024 * 1024;
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
  #connectionCredit = 0;
  #stalls = 0;
  #goneAway = false;
  #closed = false;
  /** Leaves the ping timer this link shares with every link of its period. */
  #stopPings: (() => void) | undefined;
  /** When the peer last answered one of our pings (performance.now()). */
  #pongAt: number | undefined;
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
    this.#channel.send([settingsFrame(SETTINGS_INITIAL_WINDOW_SIZE, RECEIVE_WINDOW)]);
    this.#channel.send([windowUpdateFrame(0, CONNECTION_WINDOW - DEFAULT_WINDOW)]);
    // Once a period, as client-go does, on a timer shared by every link of that period: a hundred
    // idle forwards wake the process once a period, not a hundred times (shared-interval.ts).
    if (this.#closed) return; // the channel closed while opening: nothing to ping
    let pingId = 1;
    this.#stopPings = onSharedInterval(opts.pingMs, () => {
      this.#channel.send([pingFrame(pingId)]);
      pingId = (pingId + 2) & 0x7fffffff;
    });
  }

  /** Whether the peer answered one of our pings within the last `ms` (the apiserver, and the kubelet behind it, are there). */
  answeredWithin(ms: number): boolean {
    return !this.#closed && this.#pongAt !== undefined && performance.now() - this.#pongAt <= ms;
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
    const requestId = String(this.#requestId++);
    const headers = (type: string): Map<string, string[]> =>
      new Map([
        ['streamtype', [type]],
        ['port', [String(port)]],
        ['requestid', [requestId]],
      ]);
    // kubectl: create the error stream, close our side of it (we never write it), then the data
    // stream; here in one write (one TLS record, one WebSocket message).
    const error = synStreamFrame(errorId, this.#headers.compress(headers('error')));
    this.#channel.send([error, dataHead(errorId, 0, true), synStreamFrame(dataId, this.#headers.compress(headers('data')))]);
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
    pair.owed -= n;
    pair.credit += n;
    if (pair.stalled && pair.owed <= RECEIVE_WINDOW) this.#unstall(pair);
    if (pair.credit >= RECEIVE_WINDOW / 4 && this.#byId.has(pair.dataId) && !this.#closed) {
      this.#channel.send([windowUpdateFrame(pair.dataId, pair.credit)]);
      pair.credit = 0;
    }
  }

  /** Ends the connection (the forward stops or moves on). */
  close(): void {
    if (this.#closed) return;
    this.#channel.end();
    setTimeout(() => this.#channel.destroy(), 1000).unref();
    this.#close(false);
  }

  #forget(pair: Pair): void {
    if (pair.stalled) this.#unstall(pair);
    this.#byId.delete(pair.dataId);
    this.#byId.delete(pair.errorId);
  }

  #unstall(pair: Pair): void {
    pair.stalled = false;
    if (--this.#stalls === 0) this.#channel.resume();
  }

  #data(id: number, chunk: Buffer, fin: boolean): void {
    const pair = this.#byId.get(id);
    this.#connectionCredit += chunk.length;
    if (this.#connectionCredit >= CONNECTION_WINDOW / 4 && !this.#closed) {
      this.#channel.send([windowUpdateFrame(0, this.#connectionCredit)]);
      this.#connectionCredit = 0;
    }
    if (!pair) return; // a stream already gone (kubectl drops these too)
    if (id === pair.errorId) {
      if (chunk.length) pair.h.errorData(chunk);
      if (fin) pair.h.errorEnd();
      return;
    }
    if (chunk.length) {
      pair.owed += chunk.length;
      if (pair.owed > RECEIVE_WINDOW && !pair.stalled) {
        // Past its window: the peer does not keep ours. Hold the whole connection.
        pair.stalled = true;
        if (this.#stalls++ === 0) this.#channel.pause();
      }
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
        // Even ids are the server's: echo them (SPDY/3 §2.6.5); odd ones answer ours.
        if ((p.readUInt32BE(0) & 1) === 0) this.#channel.send([pingFrame(p.readUInt32BE(0))]);
        else this.#pongAt = performance.now();
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
    this.#stopPings?.();
    const pairs = new Set(this.#byId.values());
    this.#byId.clear();
    this.#onClosed();
    for (const p of pairs) p.h.closed(abnormal);
  }
}
