// The streams of a SPDY port-forward session (docs/port-forward.md, protocols B and C; kubelet's
// pkg/cri/streaming/portforward/httpstream.go): each SYN_STREAM names its `streamtype`, `port`
// and `requestid`, and the `error` and `data` streams that share a request id form one pair.
import type { Socket } from 'node:net';
import type { HeaderMap } from '../kube/spdy/header-block.ts';
import { FLAG_FIN } from './spdy-framer.ts';

export interface SpdyStream {
  id: number;
  type: string;
  port: number | undefined;
  requestId: string;
  localFin: boolean;
  remoteFin: boolean;
}

export interface StreamPair {
  requestId: string;
  error?: SpdyStream;
  data?: SpdyStream;
  socket?: Socket;
  connected: boolean;
  done: boolean;
  /** Client bytes that arrived before the pair was complete. */
  early: Buffer[];
  earlyFin: boolean;
}

/** The stream a SYN_STREAM opens; `port` is undefined unless it is a number from 1 to 65535. */
export function openedStream(id: number, flags: number, headers: HeaderMap): SpdyStream {
  const type = headers.get('streamtype')?.[0] ?? '';
  const portText = headers.get('port')?.[0];
  const requestId = headers.get('requestid')?.[0] ?? String(id);
  const port =
    portText !== undefined && /^\d+$/.test(portText) && Number(portText) > 0 && Number(portText) < 65536 ? Number(portText) : undefined;
  return { id, type, port, requestId, localFin: false, remoteFin: (flags & FLAG_FIN) !== 0 };
}

export function newPair(requestId: string): StreamPair {
  return { requestId, connected: false, done: false, early: [], earlyFin: false };
}
