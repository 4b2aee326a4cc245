// Our receive windows on one SpdyLink (SPDY/3.1 §2.6.8): we open them wide (SETTINGS and a
// connection WINDOW_UPDATE) and return credit as local sockets take the bytes; a stream whose
// socket stops reading gets no credit, and if the peer sends past its window anyway
// (moby/spdystream does no flow control and ignores WINDOW_UPDATE), the whole connection pauses
// until that socket drains, as kubectl's frame workers block (client-go/tools/portforward).
import {
  DEFAULT_WINDOW,
  SETTINGS_INITIAL_WINDOW_SIZE,
  settingsFrame,
  windowUpdateFrame,
} from '../../kube/spdy/spdy-frames.ts';
import type { ByteChannel } from './byte-channel.ts';
import type { Pair } from './stream-pair.ts';

/** The per-stream window we grant; a stream's socket may hold this much before credit stops. */
const RECEIVE_WINDOW = 1024 * 1024;
const CONNECTION_WINDOW = 64 * 1024 * 1024;

export class ReceiveWindows {
  #channel: Pick<ByteChannel, 'send' | 'pause' | 'resume'>;
  #connectionCredit = 0;
  #stalls = 0;

  /** Opens our windows wide on `channel`. */
  constructor(channel: Pick<ByteChannel, 'send' | 'pause' | 'resume'>) {
    this.#channel = channel;
    channel.send([settingsFrame(SETTINGS_INITIAL_WINDOW_SIZE, RECEIVE_WINDOW)]);
    channel.send([windowUpdateFrame(0, CONNECTION_WINDOW - DEFAULT_WINDOW)]);
  }

  /** `n` bytes arrived on any stream; credit goes back (batched) while `live` (the link is open). */
  received(n: number, live: boolean): void {
    this.#connectionCredit += n;
    if (this.#connectionCredit >= CONNECTION_WINDOW / 4 && live) {
      this.#channel.send([windowUpdateFrame(0, this.#connectionCredit)]);
      this.#connectionCredit = 0;
    }
  }

  /** `n` bytes arrived on the pair's data stream for its socket to take. */
  owe(pair: Pair, n: number): void {
    pair.owed += n;
    if (pair.owed > RECEIVE_WINDOW && !pair.stalled) {
      // Past its window: the peer does not keep ours. Hold the whole connection.
      pair.stalled = true;
      if (this.#stalls++ === 0) this.#channel.pause();
    }
  }

  /** The pair's socket took `n` bytes: return the credit (batched) while `live` (the pair is open on an open link). */
  credited(pair: Pair, n: number, live: boolean): void {
    pair.owed -= n;
    pair.credit += n;
    if (pair.stalled && pair.owed <= RECEIVE_WINDOW) this.#unstall(pair);
    if (pair.credit >= RECEIVE_WINDOW / 4 && live) {
      this.#channel.send([windowUpdateFrame(pair.dataId, pair.credit)]);
      pair.credit = 0;
    }
  }

  /** The pair is gone: it no longer holds the connection. */
  forget(pair: Pair): void {
    if (pair.stalled) this.#unstall(pair);
  }

  #unstall(pair: Pair): void {
    pair.stalled = false;
    if (--this.#stalls === 0) this.#channel.resume();
  }
}
