// Splices one local TCP connection with one single-port v4 WebSocket (docs/port-forward.md, protocol A):
// order-preserving in both directions, with backpressure both ways (the local socket pauses
// while the WebSocket's buffer is high; the WebSocket pauses while the local socket's is full),
// the error channel surfaced for this connection only (docs/port-forward.md, Pod loss), and v4's missing
// half-close handled: after the local client half-closes, the pod's answer still flows back
// until the pod side ends.
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { maskedFrameHead, OP_BINARY } from './client-frame.ts';
import { ownsItsMemory, releaseBuffer, releaseOwned, writesToKernel } from '../http/release-buffer.ts';
import { tunnelSocket } from './tunnel-open.ts';
import { ReadBatch } from './read-batch.ts';
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
 * Local reads (64 KiB each) of one turn of the event loop leave as one message of up to this many
 * bytes, as spdy-pipe.ts batches them into one data frame: one WebSocket frame, one TLS write and
 * one message for the apiserver to parse instead of four (docs/port-forward.md, Performance).
 */
const MESSAGE_MAX = 256 * 1024;
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

    // Reads of an OS socket are buffers of their own, which may be masked in place and, once an
    // OS socket's write callback ran for them, freed.
    const ownReads = writesToKernel(socket);
    const raw = ownReads ? tunnelSocket(ws) : undefined;
    const releasing = raw !== undefined && writesToKernel(raw);
    /** Local reads not sent yet. */
    const batch = new ReadBatch(MESSAGE_MAX, (parts, length) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (raw && !raw.destroyed && !raw.writableEnded) {
        // The frame is written here, not by ws.send, which would copy the reads into a new buffer
        // to mask them: they are masked in place (they are ours) and leave with the head in one
        // corked write (client-frame.ts); once written, they are freed (release-buffer.ts).
        const channel = Buffer.from([DATA]);
        const head = maskedFrameHead(OP_BINARY, [channel, ...parts]);
        const written = (): void => {
          afterSend();
          if (releasing) releaseOwned(parts);
        };
        raw.cork();
        raw.write(head);
        raw.write(channel);
        for (let i = 0; i < parts.length; i++) raw.write(parts[i]!, i === parts.length - 1 ? written : undefined);
        raw.uncork();
      } else {
        ws.send(encodeData(DATA, Buffer.concat(parts, length)), { binary: true }, afterSend);
      }
      if (!localPaused && ws.bufferedAmount > HIGH_WATER) {
        localPaused = true;
        socket.pause();
      }
    });
    socket.on('data', (chunk: Buffer) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      bytesOut += chunk.length;
      hooks.onBytesOut?.(chunk.length);
      batch.add(chunk);
    });
    // The local client half-closed. v4 cannot tell the pod (no half-close), so keep the tunnel
    // open: the pod's answer still flows back until the pod side ends it.
    socket.on('end', () => {
      batch.flush();
      if (wsClosed) socket.destroy();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      batch.flush();
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

    // The pod's messages that arrive in one read burst are corked on the local socket until the
    // event loop's check phase and leave in one writev, not one write (and one read for the
    // client) each, as spdy-pipe.ts does (docs/port-forward.md, Performance).
    let corked = false;
    const uncork = (): void => {
      if (!corked) return;
      corked = false;
      socket.uncork();
    };

    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return;
      const d = demux.decode(data);
      if (!d || d.payload.length === 0) return;
      if (d.channel === DATA) {
        bytesIn += d.payload.length;
        hooks.onBytesIn?.(d.payload.length);
        if (socket.destroyed) return;
        if (!corked) {
          corked = true;
          socket.cork();
          setImmediate(uncork);
        }
        // A message in a buffer of its own (ws joins a message's pieces into one, or hands on the
        // TLS record it filled) is freed once written, not when V8 next collects (release-buffer.ts).
        socket.write(d.payload, releasing && ownsItsMemory(data) ? () => releaseBuffer(data) : undefined);
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
        uncork();
        if (errorText) socket.destroy();
        else socket.end(() => socket.destroy());
      }
      finish();
    });
    // openTunnel hands the WebSocket over paused so no early message is missed.
    ws.resume();
  });
}
