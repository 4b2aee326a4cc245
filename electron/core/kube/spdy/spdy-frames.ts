// SPDY/3.1 frames as both ends of a port-forward write them (moby/spdystream spdy/write.go, the
// framer kubectl and the kubelet use): control frames (SYN_STREAM, RST_STREAM, SETTINGS, PING,
// GOAWAY, WINDOW_UPDATE) and data frame heads. Pure functions over Buffers; header blocks come
// from header-block.ts.

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

/** SETTINGS id of the initial per-stream window (SPDY/3 §2.6.4). */
export const SETTINGS_INITIAL_WINDOW_SIZE = 7;

/** The per-stream and (SPDY/3.1) per-connection window every endpoint starts with. */
export const DEFAULT_WINDOW = 64 * 1024;

const MAX_FRAME = 0xffffff;

export function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  if (payload.length > MAX_FRAME) throw new Error('SPDY frame too large');
  const frame = Buffer.allocUnsafe(8 + payload.length);
  frame.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  frame.writeUInt16BE(type, 2);
  frame.writeUInt32BE((((flags & 0xff) << 24) | payload.length) >>> 0, 4);
  payload.copy(frame, 8);
  return frame;
}

/** The 8-byte head of a data frame carrying `length` bytes. */
export function dataHead(streamId: number, length: number, fin: boolean): Buffer {
  const head = Buffer.allocUnsafe(8);
  head.writeUInt32BE(streamId & 0x7fffffff, 0);
  head.writeUInt32BE((((fin ? FLAG_FIN : 0) << 24) | length) >>> 0, 4);
  return head;
}

export function dataFrame(streamId: number, data: Buffer, fin: boolean): Buffer {
  const head = dataHead(streamId, data.length, fin);
  return data.length ? Buffer.concat([head, data]) : head;
}

function idAndValue(a: number, b: number): Buffer {
  const p = Buffer.allocUnsafe(8);
  p.writeUInt32BE(a & 0x7fffffff, 0);
  p.writeUInt32BE(b >>> 0, 4);
  return p;
}

export function rstStreamFrame(streamId: number, status: number): Buffer {
  return controlFrame(FrameType.RST_STREAM, 0, idAndValue(streamId, status));
}

export function goAwayFrame(lastGoodStreamId: number, status: number): Buffer {
  return controlFrame(FrameType.GOAWAY, 0, idAndValue(lastGoodStreamId, status));
}

/** Stream 0 is the whole connection (SPDY/3.1 §2.6.8). */
export function windowUpdateFrame(streamId: number, delta: number): Buffer {
  return controlFrame(FrameType.WINDOW_UPDATE, 0, idAndValue(streamId, delta & 0x7fffffff));
}

export function pingFrame(id: number): Buffer {
  const p = Buffer.allocUnsafe(4);
  p.writeUInt32BE(id >>> 0, 0);
  return controlFrame(FrameType.PING, 0, p);
}

/** One SETTINGS entry: flags 0, 24-bit id, 32-bit value. */
export function settingsFrame(id: number, value: number): Buffer {
  const p = Buffer.allocUnsafe(12);
  p.writeUInt32BE(1, 0);
  p.writeUInt32BE(id & 0xffffff, 4);
  p.writeUInt32BE(value >>> 0, 8);
  return controlFrame(FrameType.SETTINGS, 0, p);
}

/** A SYN_STREAM with a header block compressed by a HeaderCompressor (priority 0, no association). */
export function synStreamFrame(streamId: number, compressedHeaders: Buffer, flags = 0): Buffer {
  const p = Buffer.alloc(10 + compressedHeaders.length);
  p.writeUInt32BE(streamId & 0x7fffffff, 0);
  compressedHeaders.copy(p, 10);
  return controlFrame(FrameType.SYN_STREAM, flags, p);
}
