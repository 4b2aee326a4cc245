import { describe, expect, it } from 'vitest';
import { encodeData, V4Demux } from '../../../../electron/core/forward/v4-channels.ts';

describe('v4.channel.k8s.io framing (docs/port-forward.md, protocol A, conformance 37)', () => {
  it('strips the port header 00 50 00 / 01 50 00 and delivers nothing for it', () => {
    const d = new V4Demux();
    expect(d.decode(Buffer.from([0x00, 0x50, 0x00]))).toEqual({ channel: 0, payload: Buffer.alloc(0) });
    expect(d.decode(Buffer.from([0x01, 0x50, 0x00]))).toEqual({ channel: 1, payload: Buffer.alloc(0) });
    expect(d.headerDone(0) && d.headerDone(1)).toBe(true);
    expect(d.decode(Buffer.from([0x00, 0x68, 0x69]))?.payload.toString()).toBe('hi');
  });

  it('strips a header split over messages or glued to data', () => {
    const d = new V4Demux();
    expect(d.decode(Buffer.from([0x00, 0x50]))?.payload.length).toBe(0);
    expect(d.decode(Buffer.from([0x00, 0x00, 0x41]))?.payload.toString()).toBe('A');
    expect(d.decode(Buffer.from([0x02, 0x90, 0x1f, 0x42]))).toEqual({ channel: 2, payload: Buffer.from('B') });
  });

  it('ignores an empty message', () => {
    expect(new V4Demux().decode(Buffer.alloc(0))).toBeUndefined();
  });

  it('sends local bytes as 00 <bytes>', () => {
    expect(encodeData(0, Buffer.from('hi'))).toEqual(Buffer.from([0x00, 0x68, 0x69]));
  });
});
