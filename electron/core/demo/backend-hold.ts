// The demo's port-forward servers stop reading the client while a pod's socket is full, as the
// kubelet does: its `io.Copy` from the stream into the pod's connection blocks, and with it the
// reads of the connection that carries the stream (kubelet pkg/cri/streaming/portforward,
// moby/spdystream). A slow pod then holds the client back instead of growing the demo's memory.
import type { Socket } from 'node:net';

export class BackendHold {
  #full = new Set<Socket>();
  #pause: () => void;
  #resume: () => void;

  /** `pause` and `resume` the reads of the client's connection. */
  constructor(pause: () => void, resume: () => void) {
    this.#pause = pause;
    this.#resume = resume;
  }

  /** Writes to a pod's socket; the client is paused until every full socket has drained (or closed). */
  write(socket: Socket, data: Buffer): void {
    if (socket.write(data) || this.#full.has(socket)) return;
    if (this.#full.size === 0) this.#pause();
    this.#full.add(socket);
    const release = (): void => {
      socket.off('drain', release);
      socket.off('close', release);
      if (this.#full.delete(socket) && this.#full.size === 0) this.#resume();
    };
    socket.on('drain', release);
    socket.on('close', release);
  }
}
