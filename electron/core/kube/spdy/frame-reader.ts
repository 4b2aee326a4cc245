// Splits a SPDY/3.1 byte stream into frames as they arrive (SPDY/3 §2.2; moby/spdystream
// spdy/read.go). Control frames are handed over whole; a data frame's payload is handed over in
// the pieces it arrives in (views of the input, never copied), so a 16 MiB frame costs no
// buffering and no concatenation.

export interface FrameSink {
  control(type: number, flags: number, payload: Buffer): void;
  /** A piece of stream `streamId`'s payload; `fin` on the frame's last piece (which may be empty). */
  data(streamId: number, chunk: Buffer, fin: boolean): void;
}

/** Control frames above this are a protocol error: nothing port-forward exchanges comes close. */
const MAX_CONTROL = 1024 * 1024;

const EMPTY = Buffer.alloc(0);

export class SpdyProtocolError extends Error {
  override name = 'SpdyProtocolError';
}

export class FrameReader {
  #sink: FrameSink;
  #head = Buffer.alloc(8);
  #headLen = 0;
  /** Data frame in progress: its stream, flags and bytes still to come. */
  #stream = 0;
  #flags = 0;
  #left = 0;
  #inData = false;
  /** Control frame in progress. */
  #control: Buffer | undefined;
  #controlLen = 0;
  #type = 0;

  constructor(sink: FrameSink) {
    this.#sink = sink;
  }

  /** Throws SpdyProtocolError on a malformed stream. */
  push(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length) {
      if (this.#inData) {
        const n = Math.min(this.#left, chunk.length - off);
        this.#left -= n;
        const last = this.#left === 0;
        if (last) this.#inData = false;
        // A read wholly inside one data frame (most of them) is handed on as it is, not as a view.
        this.#sink.data(this.#stream, n === chunk.length ? chunk : chunk.subarray(off, off + n), last && (this.#flags & 1) !== 0);
        off += n;
        continue;
      }
      if (this.#control) {
        const n = Math.min(this.#control.length - this.#controlLen, chunk.length - off);
        chunk.copy(this.#control, this.#controlLen, off, off + n);
        this.#controlLen += n;
        off += n;
        if (this.#controlLen === this.#control.length) this.#endControl();
        continue;
      }
      const n = Math.min(8 - this.#headLen, chunk.length - off);
      chunk.copy(this.#head, this.#headLen, off, off + n);
      this.#headLen += n;
      off += n;
      if (this.#headLen === 8) this.#startFrame();
    }
  }

  #startFrame(): void {
    this.#headLen = 0;
    const first = this.#head.readUInt32BE(0);
    const flags = this.#head[4]!;
    const length = this.#head.readUIntBE(5, 3);
    if (first & 0x80000000) {
      if (first >>> 16 !== 0x8003) throw new SpdyProtocolError(`unsupported SPDY version ${(first >>> 16) & 0x7fff}`);
      if (length > MAX_CONTROL) throw new SpdyProtocolError(`SPDY control frame of ${length} bytes`);
      this.#type = first & 0xffff;
      this.#flags = flags;
      this.#control = Buffer.allocUnsafe(length);
      this.#controlLen = 0;
      if (length === 0) this.#endControl();
      return;
    }
    this.#stream = first & 0x7fffffff;
    this.#flags = flags;
    this.#left = length;
    if (length === 0) this.#sink.data(this.#stream, EMPTY, (flags & 1) !== 0);
    else this.#inData = true;
  }

  #endControl(): void {
    const payload = this.#control!;
    this.#control = undefined;
    this.#sink.control(this.#type, this.#flags, payload);
  }
}
