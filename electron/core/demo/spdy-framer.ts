// SPDY/3.1 framing, the server half that kubectl's port-forward needs (moby/spdystream):
// control frames (SYN_STREAM, SYN_REPLY, RST_STREAM, SETTINGS, PING, GOAWAY, HEADERS,
// WINDOW_UPDATE) and data frames, with zlib-compressed header blocks primed with the SPDY/3
// dictionary. Hand-written because spdy-transport rejects kubectl's streams (no :method/:path)
// and enforces a send window kubectl never opens (it sends no WINDOW_UPDATE).
//
// Outgoing header blocks are zlib "stored" (uncompressed) blocks: valid deflate, synchronous,
// and each frame carries a complete block, which is what Go's reader expects after a sync
// flush. Incoming blocks go through one streaming inflater per connection, in frame order.
import { createInflate, constants as zc, type Inflate } from 'node:zlib';
import { SPDY3_DICTIONARY } from './spdy-dictionary.ts';

const SPDY_VERSION = 3;

export const FrameType = {
  SYN_STREAM: 1,
  SYN_REPLY: 2,
  RST_STREAM: 3,
  SETTINGS: 4,
  PING: 6,
  GOAWAY: 7,
  HEADERS: 8,
  WINDOW_UPDATE: 9,
} as const;

export const FLAG_FIN = 0x01;

export const RstStatus = { PROTOCOL_ERROR: 1, INVALID_STREAM: 2, REFUSED_STREAM: 3, CANCEL: 5, INTERNAL_ERROR: 6 } as const;

export type Frame =
  { control: true; type: number; flags: number; data: Buffer } | { control: false; streamId: number; flags: number; data: Buffer };

type HeaderMap = Map<string, string[]>;

const MAX_FRAME = 0xffffff;

/** Splits a byte stream into frames; `push` returns every frame completed so far. */
export class FrameParser {
  #buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk]);
    const out: Frame[] = [];
    while (this.#buf.length >= 8) {
      const length = this.#buf.readUIntBE(5, 3);
      if (this.#buf.length < 8 + length) break;
      const first = this.#buf.readUInt32BE(0);
      const flags = this.#buf[4]!;
      const data = this.#buf.subarray(8, 8 + length);
      if (first & 0x80000000) {
        out.push({ control: true, type: first & 0xffff, flags, data });
      } else {
        out.push({ control: false, streamId: first & 0x7fffffff, flags, data });
      }
      this.#buf = this.#buf.subarray(8 + length);
    }
    return out;
  }
}

function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  if (payload.length > MAX_FRAME) throw new Error('SPDY frame too large');
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt32BE(((flags & 0xff) << 24) | payload.length, 4);
  return Buffer.concat([head, payload]);
}

export function dataFrame(streamId: number, data: Buffer, fin: boolean): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(streamId & 0x7fffffff, 0);
  head.writeUInt32BE(((fin ? FLAG_FIN : 0) << 24) | data.length, 4);
  return data.length ? Buffer.concat([head, data]) : head;
}

export function rstStreamFrame(streamId: number, status: number): Buffer {
  const p = Buffer.alloc(8);
  p.writeUInt32BE(streamId & 0x7fffffff, 0);
  p.writeUInt32BE(status, 4);
  return controlFrame(FrameType.RST_STREAM, 0, p);
}

export function goAwayFrame(lastGoodStreamId: number, status: number): Buffer {
  const p = Buffer.alloc(8);
  p.writeUInt32BE(lastGoodStreamId & 0x7fffffff, 0);
  p.writeUInt32BE(status, 4);
  return controlFrame(FrameType.GOAWAY, 0, p);
}

/** Name/value block before compression: count, then length-prefixed names and values. */
export function encodeHeaderBlock(headers: HeaderMap): Buffer {
  const parts: Buffer[] = [];
  const count = Buffer.alloc(4);
  count.writeUInt32BE(headers.size, 0);
  parts.push(count);
  for (const [name, values] of headers) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(values.join('\0'), 'utf8');
    const nl = Buffer.alloc(4);
    nl.writeUInt32BE(n.length, 0);
    const vl = Buffer.alloc(4);
    vl.writeUInt32BE(v.length, 0);
    parts.push(nl, n, vl, v);
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): HeaderMap {
  const out: HeaderMap = new Map();
  if (block.length < 4) throw new Error('short SPDY header block');
  const count = block.readUInt32BE(0);
  let off = 4;
  for (let i = 0; i < count; i++) {
    if (off + 4 > block.length) throw new Error('short SPDY header block');
    const nl = block.readUInt32BE(off);
    off += 4;
    if (off + nl + 4 > block.length) throw new Error('short SPDY header block');
    const name = block
      .subarray(off, off + nl)
      .toString('utf8')
      .toLowerCase();
    off += nl;
    const vl = block.readUInt32BE(off);
    off += 4;
    if (off + vl > block.length) throw new Error('short SPDY header block');
    const values = block
      .subarray(off, off + vl)
      .toString('utf8')
      .split('\0');
    off += vl;
    out.set(name, [...(out.get(name) ?? []), ...values]);
  }
  return out;
}

function adler32(buf: Buffer): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < buf.length; i++) {
    a = (a + buf[i]!) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const DICT_ID = adler32(SPDY3_DICTIONARY);
const SYNC_FLUSH = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]);

/** One connection's outgoing header compression context (stored deflate blocks). */
export class HeaderCompressor {
  #started = false;

  compress(headers: HeaderMap): Buffer {
    const raw = encodeHeaderBlock(headers);
    const parts: Buffer[] = [];
    if (!this.#started) {
      this.#started = true;
      // zlib header: CM=8 CINFO=7, FDICT set; 0x7820 is a multiple of 31 so FCHECK = 0.
      const h = Buffer.alloc(6);
      h[0] = 0x78;
      h[1] = 0x20;
      h.writeUInt32BE(DICT_ID, 2);
      parts.push(h);
    }
    for (let off = 0; off < raw.length; off += 0xffff) {
      const piece = raw.subarray(off, Math.min(raw.length, off + 0xffff));
      const blk = Buffer.alloc(5);
      blk[0] = 0x00; // BFINAL=0, BTYPE=00 (stored), byte-aligned
      blk.writeUInt16LE(piece.length, 1);
      blk.writeUInt16LE(~piece.length & 0xffff, 3);
      parts.push(blk, piece);
    }
    // The empty stored block a sync flush ends with: Go's flate reader hands out a stored
    // block's bytes only when it reaches the next block header, which must be in this frame.
    parts.push(SYNC_FLUSH);
    return Buffer.concat(parts);
  }
}

/** One connection's incoming header decompression context; calls are served in order. */
export class HeaderDecompressor {
  #inflate: Inflate;
  #pending: Buffer[] = [];
  #chain: Promise<unknown> = Promise.resolve();
  #failed: Error | undefined;

  constructor() {
    this.#inflate = createInflate({ dictionary: SPDY3_DICTIONARY, flush: zc.Z_SYNC_FLUSH });
    this.#inflate.on('data', (c: Buffer) => this.#pending.push(c));
    this.#inflate.on('error', (err) => {
      this.#failed = err;
    });
  }

  decompress(block: Buffer): Promise<Buffer> {
    const run = (): Promise<Buffer> =>
      new Promise((resolve, reject) => {
        if (this.#failed) return reject(this.#failed);
        this.#inflate.write(block, (err) => {
          // Output pushed during processing is emitted by the next macrotask at the latest.
          setImmediate(() => {
            if (err || this.#failed) return reject(err ?? this.#failed);
            const out = Buffer.concat(this.#pending);
            this.#pending = [];
            resolve(out);
          });
        });
      });
    const p = this.#chain.then(run, run);
    this.#chain = p.catch(() => {});
    return p;
  }

  close(): void {
    this.#inflate.destroy();
  }
}

export function synReplyFrame(compressor: HeaderCompressor, streamId: number, headers: HeaderMap, fin: boolean): Buffer {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(streamId & 0x7fffffff, 0);
  return controlFrame(FrameType.SYN_REPLY, fin ? FLAG_FIN : 0, Buffer.concat([id, compressor.compress(headers)]));
}

/** For tests and clients: a SYN_STREAM with a header block compressed by `compressBlock`. */
export function synStreamFrame(streamId: number, compressedHeaders: Buffer, flags = 0): Buffer {
  const p = Buffer.alloc(10);
  p.writeUInt32BE(streamId & 0x7fffffff, 0);
  p.writeUInt32BE(0, 4);
  p[8] = 0;
  p[9] = 0;
  return controlFrame(FrameType.SYN_STREAM, flags, Buffer.concat([p, compressedHeaders]));
}
