// Writes a SPDY port-forward session's frames to the client's connection (docs/port-forward.md,
// protocols B and C). A pod socket whose reads have filled the connection is paused until it
// drains, as the kubelet's copy from the pod into the stream blocks (kubelet's
// pkg/cri/streaming/portforward/httpstream.go); backend-hold.ts holds the other direction.
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** Bytes the connection may hold before the backends feeding it pause. */
const HIGH_WATER = 1024 * 1024;

export class SpdyConnectionWriter {
  #io: Duplex;
  #paused = new Set<Socket>();
  #closed = false;

  constructor(io: Duplex) {
    this.#io = io;
    io.on('drain', () => {
      for (const s of this.#paused) s.resume();
      this.#paused.clear();
    });
  }

  /** Writes `buf` unless the session or connection has closed; `source` is the pod socket it came from. */
  write(buf: Buffer, source?: Socket): void {
    if (this.#closed || this.#io.destroyed) return;
    this.#io.write(buf);
    // A backend pauses only once the connection holds HIGH_WATER, not whenever a write returns
    // false (any 64 KiB frame does): pausing and resuming per read cost two epoll changes and a
    // loop turn per 64 KiB. Still bounded: 1 MiB plus one read per connection.
    if (source && this.#io.writableLength >= HIGH_WATER) {
      source.pause();
      this.#paused.add(source);
    }
  }

  /** A pod socket that has gone is no longer resumed on drain. */
  forget(socket: Socket | undefined): void {
    if (socket) this.#paused.delete(socket);
  }

  /** Nothing is written from now on. */
  close(): void {
    this.#closed = true;
  }
}
