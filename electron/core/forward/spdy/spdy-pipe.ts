// Splices one local TCP connection with one stream pair of a SpdyLink (docs/port-forward.md,
// protocols B and C), as client-go/tools/portforward/portforward.go handleConnection does:
// local bytes go out on the data stream (a local half-close is a FIN), the pod's bytes come back
// until it ends the data stream, and the error stream's text, if any, ends the connection
// (docs/port-forward.md, Pod loss). Backpressure both ways: the local socket pauses while the
// peer's window is shut or the link's channel is full; credit goes back to the peer only as the
// local socket takes the pod's bytes (spdy-link.ts).
import type { Socket } from 'node:net';
import { TunnelError } from '../tunnel-open.ts';
import type { PipeHooks, PipeResult } from '../tunnel-pipe.ts';
import { ownsItsMemory, releaseBuffer, releaseOwned, writesToKernel } from '../../http/release-buffer.ts';
import type { SpdyLink } from './spdy-link.ts';
import { ReadBatch } from '../read-batch.ts';

/** Credit the pod's bytes at once while the local socket holds less than this. */
const LOCAL_LOW = 256 * 1024;
/**
 * Local bytes kept (copied) until the server answers the pair, so a dead link can be retried; small,
 * so a burst of new connections holds little (docs/port-forward.md, Performance).
 */
const EARLY_MAX = 64 * 1024;
/**
 * Once the server answered, local reads (64 KiB each) of one turn of the event loop go out as one
 * data frame of up to this size: one TLS write and WebSocket message instead of four, and fewer
 * frames for the server to parse and write to the pod (docs/port-forward.md, Performance).
 */
const FRAME_MAX = 256 * 1024;

/** The link broke before the server answered this pair: the local bytes are back in the socket; retry on a new link. */
export class LinkLostEarly extends TunnelError {
  constructor() {
    super('unreachable', 'the connection to the pod closed before it answered');
  }
}

/** Resolves once the local connection and the pair are done; rejects only with LinkLostEarly. */
export function pipeThroughSpdy(
  socket: Socket,
  link: SpdyLink,
  port: number,
  hooks: PipeHooks = {},
  signal?: AbortSignal,
): Promise<PipeResult> {
  return new Promise((resolve, reject) => {
    let errorText = '';
    let bytesIn = 0;
    let bytesOut = 0;
    let answered = false;
    let early: Buffer[] = [];
    let earlyBytes = 0;
    /** Local bytes the peer's window did not take yet. */
    let pending: Buffer | undefined;
    let localEnded = false;
    let localFinished = false;
    let paused = false;
    /** Pod bytes written to the socket and not yet credited. */
    let owed = 0;
    let remoteDone = false;
    let errorDone = false;
    let socketClosed = false;
    let abnormal = false;
    let finished = false;

    const finish = (): void => {
      if (finished || !socketClosed || !(remoteDone && errorDone)) return;
      finished = true;
      signal?.removeEventListener('abort', onAbort);
      if (!answered) countOut(earlyBytes);
      link.release(pair);
      resolve({ remoteError: errorText || undefined, abnormal, bytesIn, bytesOut });
    };
    const countOut = (n: number): void => {
      bytesOut += n;
      hooks.onBytesOut?.(n);
    };
    // The pod's bytes arrive in pieces of at most one TLS record (16 KiB); written one by one,
    // each is a syscall here and a read for the local client. Corked until the event loop's
    // check phase, every piece of one read burst leaves in one writev, as kubectl's io.Copy
    // writes 32 KiB at a time (client-go/tools/portforward/portforward.go handleConnection).
    let corked = false;
    const uncork = (): void => {
      if (!corked) return;
      corked = false;
      socket.uncork();
    };
    // Reads of OS sockets are buffers of their own: each is freed once written on, not when V8
    // next collects (release-buffer.ts).
    const releasing = link.ownsBuffers && writesToKernel(socket);
    const writeLocal = (chunk: Buffer): void => {
      if (!corked) {
        corked = true;
        socket.cork();
        setImmediate(uncork);
      }
      socket.write(chunk, releasing && ownsItsMemory(chunk) ? () => releaseBuffer(chunk) : undefined);
    };
    const pause = (): void => {
      if (paused) return;
      paused = true;
      socket.pause();
    };
    const finishLocal = (): void => {
      if (localFinished) return;
      localFinished = true;
      link.finish(pair);
    };
    const flush = (): void => {
      if (pending) {
        const n = link.send(pair, [pending], pending.length);
        pending = n === pending.length ? undefined : pending.subarray(n);
        if (pending) return;
        if (localEnded) finishLocal();
      }
      if (paused && !link.congested && (answered || earlyBytes < EARLY_MAX)) {
        paused = false;
        socket.resume();
      }
    };
    const remoteGone = (isAbnormal: boolean): void => {
      if (!answered && isAbnormal && !localEnded && !socketClosed && !signal?.aborted) return retry();
      remoteDone = true;
      errorDone = true;
      abnormal = isAbnormal && !errorText;
      if (!socket.destroyed) {
        uncork();
        if (errorText || isAbnormal) socket.destroy();
        else socket.end(() => socket.destroy());
      }
      finish();
    };
    const retry = (): void => {
      finished = true;
      signal?.removeEventListener('abort', onAbort);
      socket.off('data', onData).off('end', onEnd).off('drain', onDrain).off('close', onClose);
      socket.pause();
      for (let i = early.length - 1; i >= 0; i--) socket.unshift(early[i]!);
      reject(new LinkLostEarly());
    };

    const pair = link.open(port, {
      answered: () => {
        answered = true;
        countOut(earlyBytes);
        early = [];
        flush();
      },
      data: (chunk) => {
        bytesIn += chunk.length;
        hooks.onBytesIn?.(chunk.length);
        owed += chunk.length;
        if (!socket.destroyed) writeLocal(chunk);
        if (socket.destroyed || socket.writableLength <= LOCAL_LOW) {
          link.credited(pair, owed);
          owed = 0;
        }
      },
      dataEnd: () => {
        // The pod finished: flush its bytes, then close the local connection (kubectl closes it
        // too); our unsent bytes are dropped, as kubectl resets the data stream.
        remoteDone = true;
        pending = undefined;
        finishLocal();
        if (!socket.destroyed) socket.end(() => socket.destroy());
        finish();
      },
      errorData: (chunk) => {
        errorText += chunk.toString('utf8');
      },
      errorEnd: () => {
        errorDone = true;
        if (errorText) {
          // An error on this connection ends this connection only (docs/port-forward.md, Pod loss).
          remoteDone = true;
          link.reset(pair);
          uncork();
          socket.destroy();
        }
        finish();
      },
      reset: () => remoteGone(false),
      writable: flush,
      closed: (isAbnormal) => remoteGone(isAbnormal && !(remoteDone && errorDone)),
    });

    const onAbort = (): void => {
      link.reset(pair);
      socket.destroy();
      remoteGone(false);
    };
    if (signal?.aborted) queueMicrotask(onAbort);
    else signal?.addEventListener('abort', onAbort, { once: true });

    /** Local reads sent (or copied into `pending`) and no longer needed once written. */
    const release = (parts: Buffer[]): (() => void) | undefined => (releasing ? () => releaseOwned(parts) : undefined);
    const send = (parts: Buffer[], length: number): void => {
      const n = link.send(pair, parts, length, release(parts));
      // Only a peer that keeps windows takes less; its remainder is copied once.
      if (n < length) pending = Buffer.concat(parts, length).subarray(n);
      if (pending || link.congested || (!answered && earlyBytes >= EARLY_MAX)) pause();
    };
    /** Local reads not sent yet (answered pairs only). */
    const batch = new ReadBatch(FRAME_MAX, (parts, length) => {
      if (!remoteDone) send(parts, length);
    });
    const onData = (chunk: Buffer): void => {
      if (remoteDone) return;
      if (answered) {
        countOut(chunk.length);
        batch.add(chunk);
        return;
      }
      // Sending masks the chunk in place (the WebSocket tunnel): keep a copy until answered.
      early.push(Buffer.from(chunk));
      earlyBytes += chunk.length;
      send([chunk], chunk.length);
    };
    const onEnd = (): void => {
      localEnded = true;
      batch.flush();
      if (!pending && !remoteDone) finishLocal();
    };
    const onDrain = (): void => {
      if (owed > 0) {
        link.credited(pair, owed);
        owed = 0;
      }
    };
    const onClose = (): void => {
      socketClosed = true;
      if (!remoteDone) {
        // The local side went away first: drop the streams, as kubectl resets the data stream.
        link.reset(pair);
        remoteDone = true;
        errorDone = true;
      }
      // Else the pod ended the data stream: its error text may still be on the way (kubectl
      // reads the error stream to its end before it reports).
      finish();
    };
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('drain', onDrain);
    socket.on('error', () => {});
    socket.on('close', onClose);
    socket.resume();
  });
}
