import { createDeflate, createInflate, constants as zc } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SPDY3_DICTIONARY } from '../../../../electron/core/demo/spdy-dictionary.ts';
import {
  FLAG_FIN,
  FrameParser,
  FrameType,
  HeaderCompressor,
  HeaderDecompressor,
  dataFrame,
  decodeHeaderBlock,
  encodeHeaderBlock,
  rstStreamFrame,
  synReplyFrame,
} from '../../../../electron/core/demo/spdy-framer.ts';

function headers(o: Record<string, string>): Map<string, string[]> {
  return new Map(Object.entries(o).map(([k, v]) => [k, [v]]));
}

/** What Go's zlib writer does per header block: compress, then a sync flush. */
function goStyleCompressor(): (block: Buffer) => Promise<Buffer> {
  const d = createDeflate({ dictionary: SPDY3_DICTIONARY, level: 9 });
  return (block) =>
    new Promise((resolve) => {
      const out: Buffer[] = [];
      const on = (c: Buffer): void => {
        out.push(c);
      };
      d.on('data', on);
      d.write(block);
      d.flush(zc.Z_SYNC_FLUSH, () =>
        setImmediate(() => {
          d.off('data', on);
          resolve(Buffer.concat(out));
        }),
      );
    });
}

describe('SPDY/3.1 framing', () => {
  it('the dictionary is the 1423-byte SPDY/3 dictionary', () => {
    expect(SPDY3_DICTIONARY.length).toBe(1423);
    expect(SPDY3_DICTIONARY.subarray(0, 11).toString('latin1')).toBe('\0\0\0\x07options');
    expect(SPDY3_DICTIONARY.subarray(-6).toString('latin1')).toBe('enq=0.');
  });

  it('splits a byte stream into control and data frames, across chunk boundaries', () => {
    const bytes = Buffer.concat([rstStreamFrame(3, 5), dataFrame(1, Buffer.from('hello'), true)]);
    const p = new FrameParser();
    const frames = [...p.push(bytes.subarray(0, 5)), ...p.push(bytes.subarray(5, 19)), ...p.push(bytes.subarray(19))];
    expect(frames).toHaveLength(2);
    expect(frames[0]).toMatchObject({ control: true, type: FrameType.RST_STREAM, flags: 0 });
    expect(frames[1]).toMatchObject({ control: false, streamId: 1, flags: FLAG_FIN, data: Buffer.from('hello') });
  });

  it('joins a large frame that arrives in pieces, wherever the pieces split it', () => {
    const big = Buffer.alloc(256 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = i % 251;
    const bytes = Buffer.concat([dataFrame(3, big, false), rstStreamFrame(1, 5), dataFrame(5, Buffer.from('end'), true)]);
    for (const piece of [1, 3, 7, 9, 16 * 1024, 16 * 1024 + 5]) {
      const p = new FrameParser();
      const frames = [];
      for (let at = 0; at < bytes.length; at += piece) frames.push(...p.push(bytes.subarray(at, at + piece)));
      expect(frames).toHaveLength(3);
      expect(frames[0]).toMatchObject({ control: false, streamId: 3, flags: 0 });
      expect(frames[0]!.data.equals(big)).toBe(true);
      expect(frames[1]).toMatchObject({ control: true, type: FrameType.RST_STREAM });
      expect(frames[2]).toMatchObject({ control: false, streamId: 5, flags: FLAG_FIN, data: Buffer.from('end') });
    }
  });

  it('encodes header blocks with lower-case names and NUL-joined values', () => {
    const block = encodeHeaderBlock(
      new Map([
        ['StreamType', ['data']],
        ['x', ['a', 'b']],
      ]),
    );
    const back = decodeHeaderBlock(block);
    expect([...back.entries()]).toEqual([
      ['streamtype', ['data']],
      ['x', ['a', 'b']],
    ]);
    expect(() => decodeHeaderBlock(block.subarray(0, 7))).toThrow(/short/);
  });

  it('compressed reply headers decode with a dictionary-primed zlib stream, frame after frame', async () => {
    const c = new HeaderCompressor();
    const inflate = createInflate({ dictionary: SPDY3_DICTIONARY, flush: zc.Z_SYNC_FLUSH });
    const decode = (buf: Buffer): Promise<Buffer> =>
      new Promise((resolve) => {
        const out: Buffer[] = [];
        const on = (d: Buffer): void => {
          out.push(d);
        };
        inflate.on('data', on);
        inflate.write(buf, () =>
          setImmediate(() => {
            inflate.off('data', on);
            resolve(Buffer.concat(out));
          }),
        );
      });
    const first = c.compress(headers({ a: '1' }));
    expect(first.subarray(0, 2)).toEqual(Buffer.from([0x78, 0x20]));
    // Each block ends with the sync-flush marker Go's reader needs to hand out the bytes.
    expect(first.subarray(-5)).toEqual(Buffer.from([0, 0, 0, 0xff, 0xff]));
    expect([...decodeHeaderBlock(await decode(first)).entries()]).toEqual([['a', ['1']]]);
    const second = c.compress(headers({ b: '2' }));
    expect(second[0]).toBe(0);
    expect([...decodeHeaderBlock(await decode(second)).entries()]).toEqual([['b', ['2']]]);
    const reply = synReplyFrame(c, 5, new Map(), false);
    expect(reply.subarray(0, 4)).toEqual(Buffer.from([0x80, 0x03, 0x00, 0x02]));
    expect(reply.readUInt32BE(8)).toBe(5);
  });

  it('decompresses kubectl-style header blocks in order on one context', async () => {
    const compress = goStyleCompressor();
    const d = new HeaderDecompressor();
    const a = await compress(encodeHeaderBlock(headers({ streamtype: 'error', port: '80', requestid: '0' })));
    const b = await compress(encodeHeaderBlock(headers({ streamtype: 'data', port: '80', requestid: '0' })));
    const [ha, hb] = await Promise.all([d.decompress(a), d.decompress(b)]);
    expect(decodeHeaderBlock(ha).get('streamtype')).toEqual(['error']);
    expect(decodeHeaderBlock(hb).get('streamtype')).toEqual(['data']);
    d.close();
  });
});
