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
import type { HeaderCompressor, HeaderMap } from '../kube/spdy/header-block.ts';
import { SPDY3_DICTIONARY } from '../kube/spdy/spdy-dictionary.ts';
import { controlFrame, FLAG_FIN, FrameType } from '../kube/spdy/spdy-frames.ts';

// The frames and header blocks both ends write live in kube/spdy/ (KubeDesk's forwards use them).
export { encodeHeaderBlock, HeaderCompressor } from '../kube/spdy/header-block.ts';
export { dataFrame, FLAG_FIN, FrameType, goAwayFrame, RstStatus, rstStreamFrame, synStreamFrame } from '../kube/spdy/spdy-frames.ts';

export type Frame =
  { control: true; type: number; flags: number; data: Buffer } | { control: false; streamId: number; flags: number; data: Buffer };

/**
 * Splits a byte stream into frames; `push` returns every frame completed so far. A frame that
 * arrives in pieces (a 256 KiB data frame comes in 16 KiB TLS records) is kept as the list of its
 * pieces and joined once, when complete: joining at every push would copy it over and over.
 */
export class FrameParser {
  #chunks: Buffer[] = [];
  #size = 0;
  /** Length of the frame being read (head included), once its head is in. */
  #need = 0;

  push(chunk: Buffer): Frame[] {
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#size += chunk.length;
    }
    const out: Frame[] = [];
    for (;;) {
      if (this.#need === 0) {
        if (this.#size < 8) break;
        this.#need = 8 + this.#peekHead().readUIntBE(5, 3);
      }
      if (this.#size < this.#need) break;
      const frame = this.#take(this.#need);
      this.#need = 0;
      const first = frame.readUInt32BE(0);
      const flags = frame[4]!;
      const data = frame.subarray(8);
      if (first & 0x80000000) {
        out.push({ control: true, type: first & 0xffff, flags, data });
      } else {
        out.push({ control: false, streamId: first & 0x7fffffff, flags, data });
      }
    }
    return out;
  }

  /** The next 8 bytes (the frame head), joined only when they straddle pieces. */
  #peekHead(): Buffer {
    while (this.#chunks[0]!.length < 8) this.#chunks.splice(0, 2, Buffer.concat(this.#chunks.slice(0, 2)));
    return this.#chunks[0]!;
  }

  /** Removes and returns the next `n` bytes: a view when one piece holds them, else joined once. */
  #take(n: number): Buffer {
    this.#size -= n;
    const head = this.#chunks[0]!;
    if (head.length >= n) {
      if (head.length === n) this.#chunks.shift();
      else this.#chunks[0] = head.subarray(n);
      return head.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    let used = 0;
    while (at < n) {
      const c = this.#chunks[used]!;
      const k = Math.min(c.length, n - at);
      c.copy(out, at, 0, k);
      at += k;
      if (k === c.length) used++;
      else this.#chunks[used] = c.subarray(k);
    }
    this.#chunks.splice(0, used);
    return out;
  }
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
