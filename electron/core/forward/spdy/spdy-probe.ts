// The "real probe" (tunnel-probe.ts) over a forward's SPDY connection: one stream pair per
// forwarded port. It passes when every pair was answered (SYN_REPLY on both streams, which
// kubectl's CreateStream waits for) and no error text came within the settle window (the
// kubelet dials the port once it holds both streams and reports a failed dial on the error
// stream). Nothing is sent; the streams are reset afterwards.
import { PROBE_SETTLE_MS } from '../tunnel-probe.ts';
import { TunnelError } from '../tunnel-open.ts';
import type { SpdyLink } from './spdy-link.ts';
import type { Pair } from './stream-pair.ts';

const PROBE_TIMEOUT_MS = 10_000;

export function probeLink(
  link: SpdyLink,
  pod: string,
  ports: readonly number[],
  signal?: AbortSignal,
  settleMs = PROBE_SETTLE_MS,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const pairs: Pair[] = [];
    let answered = 0;
    let errorText = '';
    let settleTimer: NodeJS.Timeout | undefined;
    let over = false;
    const overall = setTimeout(
      () => end(new TunnelError('unreachable', `no answer from pod ${pod} within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
    const end = (err?: Error): void => {
      if (over) return;
      over = true;
      clearTimeout(overall);
      clearTimeout(settleTimer);
      signal?.removeEventListener('abort', onAbort);
      for (const p of pairs) link.reset(p);
      if (err) reject(err);
      else resolve();
    };
    const onAbort = (): void => end(new TunnelError('cancelled', 'cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    for (const port of ports) {
      pairs.push(
        link.open(port, {
          data: () => {},
          dataEnd: () => {},
          errorData: (chunk) => {
            errorText += chunk.toString('utf8');
          },
          errorEnd: () => {
            if (errorText) end(new TunnelError('port', errorText));
          },
          // The port answered and closed at once: reachable.
          reset: () => {
            if (!errorText && answered === ports.length) end();
          },
          replied: () => {
            if (++answered === ports.length) settleTimer = setTimeout(() => end(), settleMs);
          },
          writable: () => {},
          closed: () => {
            if (!errorText) end(new TunnelError('unreachable', `the connection to pod ${pod} closed during the probe`));
          },
        }),
      );
    }
  });
}
