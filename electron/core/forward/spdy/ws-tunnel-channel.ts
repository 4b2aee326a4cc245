// SPDY over a WebSocket (docs/port-forward.md, protocol C; client-go/tools/portforward/
// tunneling_connection.go): the SPDY bytes travel as binary messages, one message per send()
// here, read back as one byte stream whatever the message boundaries. The framing (RFC 6455 §5)
// is written here rather than through `ws`, which refuses the `SPDY/3.1+portforward.k8s.io`
// subprotocol (a `/` is not a token character) and would copy every payload once more: frames
// are masked in place (client-frame.ts) and written with their head in one corked write.
import type { Socket } from 'node:net';
import { maskedFrameHead, OP_BINARY, OP_CLOSE, OP_CONTINUATION, OP_PING, OP_PONG } from '../client-frame.ts';
import type { ByteChannel, ChannelEvents } from './byte-channel.ts';
import { writesToKernel } from '../../http/release-buffer.ts';

/** `head` is what arrived with the 101. */
export function wsTunnelChannel(socket: Socket, head: Buffer, events: ChannelEvents): ByteChannel {
  let closeSeen = false;
  let closing = false;
  // Frame parsing state (RFC 6455 §5.2): the head being read, then the payload.
  const hdr = Buffer.alloc(14);
  let hdrLen = 0;
  let opcode = 0;
  let left = 0;
  let inPayload = false;
  let control: Buffer[] = [];

  const ownsBuffers = writesToKernel(socket);
  const write = (opcode: number, parts: readonly Buffer[], written?: () => void): void => {
    if (socket.destroyed || socket.writableEnded) return;
    const h = maskedFrameHead(opcode, parts);
    // `written` goes with the last write: callbacks run in write order.
    const done = ownsBuffers ? written : undefined;
    let last = -1;
    for (let i = 0; i < parts.length; i++) if (parts[i]!.length) last = i;
    socket.cork();
    socket.write(h, last < 0 ? done : undefined);
    for (let i = 0; i <= last; i++) if (parts[i]!.length) socket.write(parts[i]!, i === last ? done : undefined);
    socket.uncork();
  };

  const endControl = (): void => {
    const payload = Buffer.concat(control);
    control = [];
    if (opcode === OP_PING) write(OP_PONG, [payload]);
    else if (opcode === OP_CLOSE) {
      closeSeen = true;
      if (!closing) {
        closing = true;
        write(OP_CLOSE, [payload.subarray(0, 2)]);
      }
      socket.end();
    }
  };

  const fail = (): void => {
    socket.destroy();
  };

  const onData = (chunk: Buffer): void => {
    let off = 0;
    while (off < chunk.length) {
      if (inPayload) {
        const n = Math.min(left, chunk.length - off);
        // Most reads (one TLS record) lie inside one frame's payload: hand them on as they are.
        const piece = n === chunk.length ? chunk : chunk.subarray(off, off + n);
        off += n;
        left -= n;
        if (opcode >= 8) control.push(Buffer.from(piece));
        else if (!closeSeen) events.data(piece);
        if (left === 0) {
          inPayload = false;
          if (opcode >= 8) endControl();
        }
        continue;
      }
      hdr[hdrLen++] = chunk[off++]!;
      if (hdrLen < 2) continue;
      if (hdr[1]! & 0x80) return fail(); // a server must not mask (RFC 6455 §5.1)
      const len7 = hdr[1]! & 0x7f;
      const need = 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0);
      if (hdrLen < need) continue;
      opcode = hdr[0]! & 0x0f;
      left = len7 === 126 ? hdr.readUInt16BE(2) : len7 === 127 ? hdr.readUInt32BE(2) * 2 ** 32 + hdr.readUInt32BE(6) : len7;
      hdrLen = 0;
      if (opcode >= 8 && left > 125) return fail(); // control frames carry at most 125 bytes
      if (opcode !== OP_BINARY && opcode !== OP_CONTINUATION && opcode !== OP_CLOSE && opcode !== OP_PING && opcode !== OP_PONG) {
        return fail(); // text frames are invalid on the tunnel (tunneling_connection.go)
      }
      if (left > 0) inPayload = true;
      else if (opcode >= 8) endControl();
    }
  };

  socket.setNoDelay(true);
  socket.setTimeout(0);
  socket.on('data', onData);
  socket.on('end', () => socket.end());
  socket.on('drain', () => events.drain());
  socket.on('error', () => {});
  socket.once('close', () => events.closed(!closeSeen));
  if (head.length > 0) queueMicrotask(() => onData(head));
  return {
    send: (parts, written) => write(OP_BINARY, parts, written),
    ownsBuffers,
    get writableLength() {
      return socket.writableLength;
    },
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    end: () => {
      if (closing) return;
      closing = true;
      const code = Buffer.allocUnsafe(2);
      code.writeUInt16BE(1000, 0);
      write(OP_CLOSE, [code]);
      socket.end();
    },
    destroy: () => socket.destroy(),
  };
}
