// The peer's flow-control windows as one SpdyLink sees them (SPDY/3.1 §2.6.8): a window per
// stream (its initial size set by the peer's SETTINGS) and one for the whole connection. They are
// kept from the start but only enforced once the peer shows it keeps windows (a SETTINGS window
// or a WINDOW_UPDATE): moby/spdystream, the kubelet's and kubectl's SPDY, does neither, and a
// strict 64 KiB window against it would stall every stream after 64 KiB.
import { DEFAULT_WINDOW, SETTINGS_INITIAL_WINDOW_SIZE } from '../../kube/spdy/spdy-frames.ts';

export interface Windowed {
  sendWindow: number;
}

export class SendWindows {
  #enforced = false;
  #initial = DEFAULT_WINDOW;
  #connection = DEFAULT_WINDOW;

  /** A new stream's window. */
  get initial(): number {
    return this.#initial;
  }

  /** How many of `want` bytes the stream may send now. */
  allow(stream: Windowed, want: number): number {
    return this.#enforced ? Math.max(0, Math.min(want, stream.sendWindow, this.#connection)) : want;
  }

  sent(stream: Windowed, n: number): void {
    stream.sendWindow -= n;
    this.#connection -= n;
  }

  /** A WINDOW_UPDATE for the connection (`stream` undefined) or a stream. */
  update(stream: Windowed | undefined, delta: number): void {
    this.#enforced = true;
    if (stream) stream.sendWindow += delta;
    else this.#connection += delta;
  }

  /** A SETTINGS frame's payload; a new initial window moves every open stream's window by the difference. */
  settings(p: Buffer, open: Iterable<Windowed>): void {
    const count = p.readUInt32BE(0);
    for (let i = 0; i < count && 12 + i * 8 <= p.length; i++) {
      if ((p.readUInt32BE(4 + i * 8) & 0xffffff) !== SETTINGS_INITIAL_WINDOW_SIZE) continue;
      const value = p.readUInt32BE(8 + i * 8);
      this.#enforced = true;
      const delta = value - this.#initial;
      this.#initial = value;
      for (const s of open) s.sendWindow += delta;
    }
  }
}
