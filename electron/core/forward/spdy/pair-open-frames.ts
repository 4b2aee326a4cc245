// The frames that open one local connection's stream pair, as kubectl sends them
// (client-go/tools/portforward/portforward.go handleConnection): the `error` stream, our side of
// it closed at once (we never write it), then the `data` stream, both with `streamType`, `port`
// and `requestID` headers. One array, so the link sends them in one write (one TLS record, one
// WebSocket message).
import type { HeaderCompressor } from '../../kube/spdy/header-block.ts';
import { dataHead, synStreamFrame } from '../../kube/spdy/spdy-frames.ts';

/** `headers` is the connection's compressor: its zlib context spans every header block sent on it. */
export function pairOpenFrames(
  headers: HeaderCompressor,
  ids: { errorId: number; dataId: number },
  port: number,
  requestId: string,
): Buffer[] {
  const block = (type: string): Map<string, string[]> =>
    new Map([
      ['streamtype', [type]],
      ['port', [String(port)]],
      ['requestid', [requestId]],
    ]);
  const error = synStreamFrame(ids.errorId, headers.compress(block('error')));
  return [error, dataHead(ids.errorId, 0, true), synStreamFrame(ids.dataId, headers.compress(block('data')))];
}
