// The "real probe" behind every Active state: one WebSocket through the apiserver to
// the pod asking for every forwarded port. It passes when every channel's port header arrived
// and no error-channel message came within the settle window (the kubelet sends the headers,
// then dials the container port and reports a failed dial on the error channel).
import WebSocket from 'ws';
import { openTunnel, TunnelError, type TunnelEndpoint } from './tunnel-open.ts';
import { V4Demux } from './v4-channels.ts';

export const PROBE_SETTLE_MS = 200;
const PROBE_TIMEOUT_MS = 10_000;

export async function probeTunnel(
  ep: TunnelEndpoint,
  ports: readonly number[],
  signal?: AbortSignal,
  settleMs = PROBE_SETTLE_MS,
): Promise<void> {
  const ws = await openTunnel(ep, ports, signal);
  try {
    await new Promise<void>((resolve, reject) => {
      const demux = new V4Demux();
      let errorText = '';
      let settleTimer: NodeJS.Timeout | undefined;
      const overall = setTimeout(
        () => end(new TunnelError('unreachable', `no answer from pod ${ep.pod} within ${PROBE_TIMEOUT_MS} ms`)),
        PROBE_TIMEOUT_MS,
      );
      const end = (err?: Error): void => {
        clearTimeout(overall);
        clearTimeout(settleTimer);
        signal?.removeEventListener('abort', onAbort);
        ws.off('message', onMessage);
        ws.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onAbort = (): void => end(new TunnelError('cancelled', 'cancelled'));
      const allHeaders = (): boolean => ports.every((_, i) => demux.headerDone(2 * i) && demux.headerDone(2 * i + 1));
      const onMessage = (data: Buffer): void => {
        const d = demux.decode(data);
        if (!d) return;
        if (d.channel % 2 === 1 && d.payload.length > 0) {
          errorText += d.payload.toString('utf8');
          end(new TunnelError('port', errorText));
          return;
        }
        if (!settleTimer && allHeaders()) settleTimer = setTimeout(() => end(), settleMs);
      };
      const onClose = (code: number): void => {
        if (errorText) return;
        // Headers seen and a clean close: the port answered and closed; that is reachable.
        if (allHeaders() && code !== 1006) end();
        else end(new TunnelError('unreachable', `the tunnel to pod ${ep.pod} closed during the probe`));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      ws.on('message', onMessage);
      ws.on('close', onClose);
      ws.resume();
    });
  } finally {
    // No closing handshake: nothing was sent, and it leaves no close timer behind.
    ws.on('error', () => {});
    if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
  }
}
