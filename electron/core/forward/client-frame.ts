// A client's WebSocket frame (RFC 6455 §5.2, §5.3) written without copying its payload: the head
// is built here and the payload, given in parts, is masked in place (bufferutil, as `ws` does), for
// the caller to write head and parts in one corked write. Used by the SPDY tunnel
// (spdy/ws-tunnel-channel.ts) and by the v4 data path (tunnel-pipe.ts), whose payloads are the
// local socket's reads (docs/port-forward.md, Performance).
import { createRequire } from 'node:module';
import { generateMask } from './tunnel-open.ts';

type MaskFn = (buffer: Buffer, mask: Buffer) => void;

const maskInPlace: MaskFn = (() => {
  try {
    return (createRequire(import.meta.url)('bufferutil') as { unmask: MaskFn }).unmask;
  } catch {
    return (buffer: Buffer, mask: Buffer) => {
      for (let i = 0; i < buffer.length; i++) buffer[i]! ^= mask[i & 3]!;
    };
  }
})();

export const OP_CONTINUATION = 0;
export const OP_BINARY = 2;
export const OP_CLOSE = 8;
export const OP_PING = 9;
export const OP_PONG = 10;

/** One masked client frame: its head, and `parts` masked in place. */
export function maskedFrameHead(opcode: number, parts: readonly Buffer[]): Buffer {
  let length = 0;
  for (const p of parts) length += p.length;
  const lenBytes = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const head = Buffer.allocUnsafe(2 + lenBytes + 4);
  head[0] = 0x80 | opcode;
  if (lenBytes === 0) head[1] = 0x80 | length;
  else if (lenBytes === 2) {
    head[1] = 0x80 | 126;
    head.writeUInt16BE(length, 2);
  } else {
    head[1] = 0x80 | 127;
    head.writeUInt32BE(0, 2);
    head.writeUInt32BE(length, 6);
  }
  const key = head.subarray(2 + lenBytes);
  generateMask(key);
  let at = 0;
  const rotated = Buffer.allocUnsafe(4);
  for (const p of parts) {
    if (at % 4 === 0) maskInPlace(p, key);
    else {
      for (let i = 0; i < 4; i++) rotated[i] = key[(at + i) % 4]!;
      maskInPlace(p, rotated);
    }
    at += p.length;
  }
  return head;
}
