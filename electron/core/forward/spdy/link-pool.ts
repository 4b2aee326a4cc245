// The connections one forward keeps: one SpdyLink per pod it forwards to, dialled on first use
// and again after it broke or the server said GOAWAY. The wire protocol is chosen once per
// forward, as kubectl's fallback dialer does (client-go/tools/portforward/fallback_dialer.go):
// the SPDY-over-WebSocket tunnel, then the plain SPDY upgrade when the apiserver answers the
// tunnel with anything but 101, then the v4 WebSocket channels (one WebSocket per connection,
// tunnel-open.ts) when it refuses both. Until one has worked, every attempt walks that order,
// so a pod that was missing at first does not pin the forward to the last protocol.
import type { ForwardInfo } from '../../../shared/contract/forward.ts';
import type { TunnelEndpoint } from '../tunnel-open.ts';
import { TunnelError } from '../tunnel-open.ts';
import { socketChannel } from './byte-channel.ts';
import { dialSpdy, type SpdyTransport } from './spdy-dial.ts';
import { SpdyLink } from './spdy-link.ts';
import { wsTunnelChannel } from './ws-tunnel-channel.ts';

export type ForwardTransport = NonNullable<ForwardInfo['transport']>;

export const TRANSPORT_ORDER: readonly ForwardTransport[] = ['spdy-websocket', 'spdy', 'websocket-v4'];

/** client-go pings every 10 s through the tunnel (tunneling_dialer.go), every 5 s on SPDY (transport/spdy/spdy.go). */
const PING_MS: Record<SpdyTransport, number> = { 'spdy-websocket': 10_000, spdy: 5_000 };

export class LinkPool {
  #endpoint: (pod: string) => TunnelEndpoint;
  #order: readonly ForwardTransport[];
  #chosen: ForwardTransport | undefined;
  #links = new Map<string, Promise<SpdyLink>>();
  #live = new Set<SpdyLink>();
  /** The pod's connection once dialled (what `answeredWithin` reads without waiting). */
  #settled = new Map<string, SpdyLink>();
  #disposed = false;

  constructor(endpoint: (pod: string) => TunnelEndpoint, order: readonly ForwardTransport[] = TRANSPORT_ORDER) {
    this.#endpoint = endpoint;
    this.#order = order;
  }

  /** The protocol in use, once one has worked. */
  get transport(): ForwardTransport | undefined {
    return this.#chosen;
  }

  /** A v4 tunnel worked: stay with v4. */
  v4Worked(): void {
    this.#chosen ??= 'websocket-v4';
  }

  /** The pod's SPDY connection, or `undefined` when this forward speaks v4. Rejects with a TunnelError. */
  async link(pod: string, signal?: AbortSignal): Promise<SpdyLink | undefined> {
    if (this.#chosen === 'websocket-v4') return undefined;
    const existing = this.#links.get(pod);
    if (existing) {
      const link = await existing.catch(() => undefined);
      if (link?.usable) return link;
      if (this.#links.get(pod) === existing) this.#links.delete(pod);
      return this.link(pod, signal);
    }
    const dialing = this.#dial(pod, signal);
    // Every caller shares the dial; a failed one is forgotten so the next call dials again.
    const shared = dialing.then((l) => {
      if (!l) throw new TunnelError('protocol', 'no SPDY connection');
      return l;
    });
    shared.catch(() => {});
    this.#links.set(pod, shared);
    try {
      const link = await dialing;
      if (!link && this.#links.get(pod) === shared) this.#links.delete(pod);
      return link;
    } catch (err) {
      if (this.#links.get(pod) === shared) this.#links.delete(pod);
      throw err;
    }
  }

  /** Whether the pod's SPDY connection is up and answered a ping within the last `ms`. */
  answeredWithin(pod: string, ms: number): boolean {
    return this.#settled.get(pod)?.answeredWithin(ms) ?? false;
  }

  /** Closes the pod's connection (it is gone, or no longer in rotation). */
  drop(pod: string): void {
    const l = this.#links.get(pod);
    this.#links.delete(pod);
    void l?.then((link) => link.close()).catch(() => {});
  }

  dispose(): void {
    this.#disposed = true;
    for (const l of this.#live) l.close();
    this.#live.clear();
    this.#settled.clear();
    this.#links.clear();
  }

  async #dial(pod: string, signal?: AbortSignal): Promise<SpdyLink | undefined> {
    const order = this.#chosen ? [this.#chosen] : this.#order;
    let last: unknown;
    for (const transport of order) {
      if (transport === 'websocket-v4') return undefined;
      try {
        const up = await dialSpdy(this.#endpoint(pod), transport, signal);
        if (this.#disposed) {
          up.socket.destroy();
          throw new TunnelError('cancelled', 'cancelled');
        }
        this.#chosen = transport;
        const open = transport === 'spdy' ? socketChannel : wsTunnelChannel;
        const link: SpdyLink = new SpdyLink(transport, (events) => open(up.socket, up.head, events), {
          pingMs: PING_MS[transport],
          onClosed: () => {
            this.#live.delete(link);
            if (this.#settled.get(pod) === link) this.#settled.delete(pod);
            void this.#links
              .get(pod)
              ?.then((l) => l === link && this.#links.delete(pod))
              .catch(() => {});
          },
        });
        this.#live.add(link);
        this.#settled.set(pod, link);
        return link;
      } catch (err) {
        last = err;
        // Only an apiserver that answered (not 101, or a 101 for the wrong protocol) makes us try the next protocol.
        const answered = err instanceof TunnelError && err.status !== undefined;
        if (this.#chosen || !answered) throw err;
      }
    }
    throw last;
  }
}
