// Splices one local TCP connection with one single-port v4 WebSocket (docs/port-forward.md, protocol A):
// order-preserving in both directions, with backpressure both ways (the local socket pauses
// while the WebSocket's buffer is high; the WebSocket pauses while the local socket's is full),
// the error channel surfaced for this connection only (docs/port-forward.md, Pod loss), and v4's missing
// half-close handled: after the local client half-closes, the pod's answer still flows back
// until the pod side ends.
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { encodeData, V4Demux } from './v4-channels.ts';

/** Pause the local socket above this many buffered WebSocket bytes; resume below LOW_WATER. */
const HIGH_WATER = 4 * 1024 * 1024;
const LOW_WATER = 1024 * 1024;

export interface PipeHooks {
  /** Local → pod payload bytes, as they are handed to the WebSocket. */
  onBytesOut?(n: number): void;
  /** Pod → local payload bytes. */
  onBytesIn?(n: number): void;
}

export interface PipeResult {
  /** The error-channel text, if the server sent one (the connection was closed for it). */
  remoteError: string | undefined;
  /** The WebSocket closed without a close frame: the apiserver or the network went away. */
  abnormal: boolean;
  bytesIn: number;
  bytesOut: number;
}

const DATA = 0;

/**
 * One reusable frame buffer for local → pod data (a 64 KiB read becomes `00` + 64 KiB). Safe to
 * reuse at once: a client WebSocket masks every frame, and `ws` masks a Buffer into a new frame
 * buffer synchronously inside send() (it never alters or keeps the caller's buffer), as long as
 * no frame is queued (no permessage-deflate, no Blobs: tunnel-open.ts) and no mask is all zeros
 * (tunnel-open.ts generateMask). Saves an allocation per read: a third less GC at 64 MiB.
 */
const SCRATCH = Buffer.allocUnsafeSlow(256 * 1024 + 1);

function dataFrame(chunk: Buffer): Buffer {
  if (chunk.length >= SCRATCH.length) return encodeData(DATA, chunk);
  SCRATCH[0] = DATA;
  chunk.copy(SCRATCH, 1);
  return SCRATCH.subarray(0, chunk.length + 1);
}
const ERROR = 1;

/**
 * Resolves once both sides are closed. Never rejects. Aborting `signal` drops both sides at once
 * (the forward is being stopped); otherwise a local close sends a close frame after the data.
 */
export function pipeThroughTunnel(socket: Socket, ws: WebSocket, hooks: PipeHooks = {}, signal?: AbortSignal): Promise<PipeResult> {
  return new Promise((resolve) => {
    const demux = new V4Demux();
    let errorText = '';
    let bytesIn = 0;
    let bytesOut = 0;
    let localPaused = false;
    let wsPaused = false;
    let wsClosed = false;
    let socketClosed = false;
    let abnormal = false;
    let finished = false;

    const onAbort = (): void => {
      ws.terminate();
      socket.destroy();
    };
    const finish = (): void => {
      if (finished || !wsClosed || !socketClosed) return;
      finished = true;
      signal?.removeEventListener('abort', onAbort);
      resolve({ remoteError: errorText || undefined, abnormal, bytesIn, bytesOut });
    };
    if (signal?.aborted) queueMicrotask(onAbort);
    else signal?.addEventListener('abort', onAbort, { once: true });

    const afterSend = (): void => {
      if (localPaused && ws.bufferedAmount < LOW_WATER) {
        localPaused = false;
        socket.resume();
      }
    };

    socket.on('data', (chunk: Buffer) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      bytesOut += chunk.length;
      hooks.onBytesOut?.(chunk.length);
      ws.send(dataFrame(chunk), { binary: true }, afterSend);
      if (!localPaused && ws.bufferedAmount > HIGH_WATER) {
        localPaused = true;
        socket.pause();
      }
    });
    // The local client half-closed. v4 cannot tell the pod (no half-close), so keep the tunnel
    // open: the pod's answer still flows back until the pod side ends it.
    socket.on('end', () => {
      if (wsClosed) socket.destroy();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      socketClosed = true;
      // Read on, so the server's close frame is seen.
      if (wsPaused) {
        wsPaused = false;
        ws.resume();
      }
      if (ws.readyState === WebSocket.OPEN) ws.close(1000);
      else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      finish();
    });
    socket.on('drain', () => {
      if (wsPaused && socket.writableLength < LOW_WATER) {
        wsPaused = false;
        ws.resume();
      }
    });

    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return;
      const d = demux.decode(data);
      if (!d || d.payload.length === 0) return;
      if (d.channel === DATA) {
        bytesIn += d.payload.length;
        hooks.onBytesIn?.(d.payload.length);
        if (socket.destroyed) return;
        socket.write(d.payload);
        // Pause on our own threshold, not write()'s 16 KiB one: a 64 KiB message would pause
        // and resume the WebSocket on every message and stall the pipeline.
        if (!wsPaused && socket.writableLength > HIGH_WATER) {
          wsPaused = true;
          ws.pause();
        }
      } else if (d.channel === ERROR) {
        errorText += d.payload.toString('utf8');
        // An error on this connection ends this connection only (docs/port-forward.md, Pod loss).
        ws.close(1000);
      }
    });
    ws.on('error', () => {});
    ws.once('close', (code: number) => {
      wsClosed = true;
      abnormal = code === 1006 && !errorText;
      if (wsPaused) wsPaused = false;
      // Flush what the pod sent, then close the local connection (kubectl closes it too).
      if (!socket.destroyed) {
        if (errorText) socket.destroy();
        else socket.end(() => socket.destroy());
      }
      finish();
    });
    // openTunnel hands the WebSocket over paused so no early message is missed.
    ws.resume();
  });
}
