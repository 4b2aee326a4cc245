// One local connection's pair of SPDY streams on a SpdyLink (client-go/tools/portforward/
// portforward.go handleConnection: an error stream and a data stream), and what the link tells
// the pipe carrying it (spdy-pipe.ts) or a probe (spdy-probe.ts).

export interface PairHandlers {
  /** Remote bytes on the data stream; call `credit` once the local socket took them. */
  data(chunk: Buffer): void;
  dataEnd(): void;
  errorData(chunk: Buffer): void;
  errorEnd(): void;
  /** The peer reset one of the streams. */
  reset(): void;
  /** The first SYN_REPLY arrived: the server took the pair. */
  answered?(): void;
  /** Both SYN_REPLYs arrived. */
  replied?(): void;
  /** Sending may go on: the peer's window grew or the channel drained. */
  writable(): void;
  /** The connection is gone; `abnormal` unless it ended cleanly (GOAWAY or a clean close). */
  closed(abnormal: boolean): void;
}

export interface Pair {
  readonly dataId: number;
  readonly errorId: number;
  h: PairHandlers;
  sendWindow: number;
  replies: number;
  /** Received on the data stream and not yet credited back. */
  owed: number;
  /** Credit not yet sent in a WINDOW_UPDATE. */
  credit: number;
  stalled: boolean;
}
