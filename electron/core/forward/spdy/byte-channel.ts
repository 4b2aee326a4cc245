// The byte stream a SPDY port-forward connection runs over: the upgraded socket itself
// (`Upgrade: SPDY/3.1`, docs/port-forward.md protocol B) or the WebSocket tunnel around it
// (protocol C, ws-tunnel-channel.ts). The SPDY layer sees one interface either way.
import type { Socket } from 'node:net';
import { writesToKernel } from '../../http/release-buffer.ts';

export interface ChannelEvents {
  data(chunk: Buffer): void;
  /** The channel's write buffer emptied after a write that filled it. */
  drain(): void;
  /** Closed; `abnormal` when it broke without a clean end (a GOAWAY is seen by the SPDY layer). */
  closed(abnormal: boolean): void;
}

export interface ByteChannel {
  /**
   * Sends one or more SPDY frames given in parts, without copying them. The parts belong to the channel
   * from then on (the WebSocket tunnel masks them in place). `written`, if given, runs once the
   * channel is done with them (handed to the OS, or the write failed); it may never run.
   */
  send(parts: readonly Buffer[], written?: () => void): void;
  /**
   * Whether `send`'s `written` callbacks run at all (the channel writes to an OS socket), and
   * every chunk `data` delivers is a buffer of its own that no one else holds.
   */
  readonly ownsBuffers: boolean;
  /** Bytes accepted but not yet handed to the kernel. */
  readonly writableLength: number;
  pause(): void;
  resume(): void;
  /** Ends after what was sent. */
  end(): void;
  destroy(): void;
}

/** Plain SPDY on the upgraded socket; `head` is what arrived with the 101. */
export function socketChannel(socket: Socket, head: Buffer, events: ChannelEvents): ByteChannel {
  let ended = false;
  const ownsBuffers = writesToKernel(socket);
  socket.setNoDelay(true);
  socket.setTimeout(0);
  socket.on('data', (chunk: Buffer) => events.data(chunk));
  socket.on('end', () => {
    ended = true;
    socket.end();
  });
  socket.on('drain', () => events.drain());
  socket.on('error', () => {});
  socket.once('close', () => events.closed(!ended));
  if (head.length > 0) queueMicrotask(() => events.data(head));
  return {
    send(parts, written) {
      if (socket.destroyed || socket.writableEnded) return;
      const done = ownsBuffers ? written : undefined;
      if (parts.length === 1) {
        socket.write(parts[0]!, done);
        return;
      }
      socket.cork();
      for (let i = 0; i < parts.length; i++) socket.write(parts[i]!, i === parts.length - 1 ? done : undefined);
      socket.uncork();
    },
    ownsBuffers,
    get writableLength() {
      return socket.writableLength;
    },
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    end: () => socket.end(),
    destroy: () => socket.destroy(),
  };
}
