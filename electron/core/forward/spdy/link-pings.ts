// The pings of one SpdyLink (SPDY/3 §2.6.5): ours once a period, as client-go does
// (client-go/transport/spdy/spdy.go, tools/portforward/tunneling_dialer.go), on a timer shared by
// every link of that period: a hundred idle forwards wake the process once a period, not a
// hundred times (shared-interval.ts). The server's pings are echoed; answers to ours tell the
// forward's health check the apiserver is there (docs/port-forward.md, Idle cost).
import { pingFrame } from '../../kube/spdy/spdy-frames.ts';
import { onSharedInterval } from '../shared-interval.ts';

export class LinkPings {
  #send: (frame: Buffer) => void;
  /** Leaves the ping timer this link shares with every link of its period. */
  #stop: (() => void) | undefined;
  /** When the peer last answered one of our pings (performance.now()). */
  #pongAt: number | undefined;

  constructor(send: (frame: Buffer) => void) {
    this.#send = send;
  }

  /** Pings every `ms` until `stop`. */
  start(ms: number): void {
    let pingId = 1;
    this.#stop = onSharedInterval(ms, () => {
      this.#send(pingFrame(pingId));
      pingId = (pingId + 2) & 0x7fffffff;
    });
  }

  stop(): void {
    this.#stop?.();
  }

  /** A PING frame's payload. Even ids are the server's: echo them; odd ones answer ours. */
  received(p: Buffer): void {
    if ((p.readUInt32BE(0) & 1) === 0) this.#send(pingFrame(p.readUInt32BE(0)));
    else this.#pongAt = performance.now();
  }

  /** Whether the peer answered one of our pings within the last `ms`. */
  answeredWithin(ms: number): boolean {
    return this.#pongAt !== undefined && performance.now() - this.#pongAt <= ms;
  }
}
