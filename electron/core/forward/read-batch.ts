// The local reads of one turn of the event loop, sent on as one piece (docs/port-forward.md,
// Performance): one data frame (SPDY, spdy-pipe.ts) or one message (v4, tunnel-pipe.ts) of up to
// `max` bytes instead of one per 64 KiB read, so one TLS write and one frame for the apiserver to
// parse instead of four.

export class ReadBatch {
  #parts: Buffer[] = [];
  #bytes = 0;
  #due = false;
  readonly #max: number;
  readonly #send: (parts: Buffer[], length: number) => void;

  /** `send` gets each batch, its reads in order and their total length. */
  constructor(max: number, send: (parts: Buffer[], length: number) => void) {
    this.#max = max;
    this.#send = send;
  }

  /** Adds a read: sent with the others of this turn (in the check phase), or at once when `max` is reached. */
  add(chunk: Buffer): void {
    // Never past `max` with another read (a read larger than `max` goes alone).
    if (this.#bytes > 0 && this.#bytes + chunk.length > this.#max) this.flush();
    this.#parts.push(chunk);
    this.#bytes += chunk.length;
    if (this.#bytes >= this.#max) this.flush();
    else if (!this.#due) {
      this.#due = true;
      setImmediate(this.flush);
    }
  }

  /** Sends what is batched now (the local side ended or closed). */
  readonly flush = (): void => {
    this.#due = false;
    if (this.#bytes === 0) return;
    const parts = this.#parts;
    const length = this.#bytes;
    this.#parts = [];
    this.#bytes = 0;
    this.#send(parts, length);
  };
}
