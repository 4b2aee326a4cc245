// The framing of the `v4.channel.k8s.io` port-forward protocol (docs/port-forward.md, protocol A): every binary
// message is one channel byte + payload; port i uses channel 2i for data (both ways) and 2i+1
// for errors (server → client); the server's first bytes on each channel are the port as uint16
// little-endian, which the client strips. Pure, so the stripping is unit-tested byte by byte.

export const V4_PROTOCOL = 'v4.channel.k8s.io';

export interface Decoded {
  channel: number;
  /** Payload with any port-header bytes removed; may be empty. */
  payload: Buffer;
}

export class V4Demux {
  /** Header bytes still to strip, per channel. */
  #pending = new Map<number, number>();

  /** Splits one server message; `undefined` for an empty message (no channel byte). */
  decode(message: Buffer): Decoded | undefined {
    if (message.length === 0) return undefined;
    const channel = message[0]!;
    let payload = message.subarray(1);
    const left = this.#pending.get(channel) ?? 2;
    if (left > 0) {
      const strip = Math.min(left, payload.length);
      payload = payload.subarray(strip);
      this.#pending.set(channel, left - strip);
    }
    return { channel, payload };
  }

  /** True once both header bytes of `channel` have arrived. */
  headerDone(channel: number): boolean {
    return (this.#pending.get(channel) ?? 2) === 0;
  }
}

/** One client → server data message: `<channel> <bytes>`. */
export function encodeData(channel: number, chunk: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(chunk.length + 1);
  frame[0] = channel;
  chunk.copy(frame, 1);
  return frame;
}
