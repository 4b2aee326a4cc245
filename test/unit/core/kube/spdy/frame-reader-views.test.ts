// How FrameReader hands data payloads on (docs/port-forward.md, Performance): a read that lies
// wholly inside one data frame's payload (most reads of a large frame) is passed on as it is, not
// as a new view of itself; only reads that straddle a frame boundary are cut.
import { describe, expect, it } from 'vitest';
import { FrameReader } from '../../../../../electron/core/kube/spdy/frame-reader.ts';
import { dataHead } from '../../../../../electron/core/kube/spdy/spdy-frames.ts';

describe('FrameReader payload pieces', () => {
  it('passes a read that lies inside one data frame on as the same Buffer', () => {
    const pieces: Array<{ chunk: Buffer; fin: boolean }> = [];
    const r = new FrameReader({ control: () => {}, data: (_id, chunk, fin) => pieces.push({ chunk, fin }) });
    const middle = Buffer.alloc(16 * 1024, 1);
    const last = Buffer.alloc(16 * 1024, 2);
    r.push(dataHead(3, 32 * 1024, true));
    r.push(middle);
    r.push(last);
    expect(pieces).toHaveLength(2);
    expect(pieces[0]!.chunk).toBe(middle);
    expect(pieces[0]!.fin).toBe(false);
    expect(pieces[1]!.chunk).toBe(last);
    expect(pieces[1]!.fin).toBe(true);
  });

  it('cuts a read that holds the end of one frame and the start of the next', () => {
    const pieces: Array<{ id: number; data: string }> = [];
    const r = new FrameReader({ control: () => {}, data: (id, chunk) => pieces.push({ id, data: chunk.toString() }) });
    r.push(dataHead(3, 6, false));
    r.push(Buffer.concat([Buffer.from('abc'), Buffer.from('def'), dataHead(5, 2, true), Buffer.from('gh')]));
    expect(pieces).toEqual([
      { id: 3, data: 'abcdef' },
      { id: 5, data: 'gh' },
    ]);
  });
});
