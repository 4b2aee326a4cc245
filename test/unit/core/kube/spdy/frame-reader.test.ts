import { describe, expect, it } from 'vitest';
import { FrameReader, SpdyProtocolError } from '../../../../../electron/core/kube/spdy/frame-reader.ts';
import { dataFrame, FrameType, pingFrame, rstStreamFrame, windowUpdateFrame } from '../../../../../electron/core/kube/spdy/spdy-frames.ts';

type Seen = { control: number; payload: string } | { stream: number; data: string; fin: boolean };

function read(chunks: Buffer[]): Seen[] {
  const seen: Seen[] = [];
  const r = new FrameReader({
    control: (type, _flags, payload) => seen.push({ control: type, payload: payload.toString('hex') }),
    data: (stream, chunk, fin) => {
      const last = seen.at(-1);
      // A stream's pieces are joined until its FIN, for comparison.
      if (last && 'stream' in last && last.stream === stream && !last.fin) {
        last.data += chunk.toString('hex');
        last.fin = fin;
      } else seen.push({ stream, data: chunk.toString('hex'), fin });
    },
  });
  for (const c of chunks) r.push(c);
  return seen;
}

describe('FrameReader (SPDY/3 §2.2 framing, as moby/spdystream spdy/read.go reads it)', () => {
  const wire = Buffer.concat([
    pingFrame(7),
    dataFrame(3, Buffer.from('hello world'), false),
    dataFrame(3, Buffer.alloc(0), true),
    windowUpdateFrame(0, 1000),
    dataFrame(5, Buffer.alloc(70_000, 0xab), true),
    rstStreamFrame(5, 5),
  ]);
  const whole = read([wire]);

  it('hands over control frames whole and data frames with their FIN', () => {
    expect(whole.map((s) => ('control' in s ? `c${s.control}` : `d${s.stream}${s.fin ? 'F' : ''}`))).toEqual([
      `c${FrameType.PING}`,
      'd3F',
      `c${FrameType.WINDOW_UPDATE}`,
      'd5F',
      `c${FrameType.RST_STREAM}`,
    ]);
    expect(whole[1]).toEqual({ stream: 3, data: Buffer.from('hello world').toString('hex'), fin: true });
  });

  it('reads the same frames whatever the chunk boundaries (every split point, and byte by byte)', () => {
    for (const at of [1, 7, 8, 9, 12, 30, 100, 40_000, wire.length - 3]) {
      expect(read([wire.subarray(0, at), wire.subarray(at)])).toEqual(whole);
    }
    const bytes = Array.from({ length: wire.length }, (_, i) => wire.subarray(i, i + 1));
    expect(read(bytes)).toEqual(whole);
  });

  it('refuses another SPDY version and oversized control frames', () => {
    const v2 = pingFrame(1);
    v2.writeUInt16BE(0x8002, 0);
    expect(() => read([v2])).toThrow(SpdyProtocolError);
    const huge = Buffer.from([0x80, 0x03, 0x00, 0x06, 0x00, 0xff, 0xff, 0xff]);
    expect(() => read([huge])).toThrow(SpdyProtocolError);
  });
});
