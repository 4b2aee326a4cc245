// SPDY/3 name/value header blocks (SPDY/3 §2.6.10) and their compression. Outgoing blocks are
// zlib "stored" (uncompressed) blocks primed with the SPDY/3 dictionary: valid deflate,
// synchronous, and each frame carries a complete block, which is what Go's reader
// (moby/spdystream spdy/read.go) expects after a sync flush.
import { SPDY3_DICTIONARY } from './spdy-dictionary.ts';

export type HeaderMap = Map<string, string[]>;

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
