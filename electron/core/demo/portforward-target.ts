// What a port-forward session needs to know about its pod: where each port really is, and
// the texts the kubelet puts on the error stream when it cannot connect.
import { connect, type Socket } from 'node:net';
import type { BackendTarget } from './backends.ts';
import { forwardErrorText } from './portforward-sessions.ts';

export interface ForwardTarget {
  namespace: string;
  pod: string;
  /** Sandbox id, named in error texts. */
  sandbox: string;
  resolve(port: number): BackendTarget | undefined;
}

/** containerd's text when nothing listens on the port inside the pod. */
export function refusedText(target: ForwardTarget, port: number): string {
  return forwardErrorText(
    port,
    target.sandbox,
    `failed to connect to localhost:${port} inside namespace "${target.sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `,
  );
}

/** Reads into buffers with `headroom` spare bytes in front, so a frame head fits without a copy. */
interface FramedReads {
  headroom: number;
  /** `frame` is the headroom followed by the bytes read; it is the callee's from then on. */
  onRead(frame: Buffer): void;
}

/** Node reads a socket 64 KiB at a time. */
const READ_SIZE = 64 * 1024;

/**
 * Dials the port's backend; `undefined` when the pod has nothing there. Errors are reported, never
 * thrown. With `framed`, the backend's bytes come to `framed.onRead` instead of `data` events
 * (net.connect's `onread`, a fresh buffer per read).
 */
export function dialPort(target: ForwardTarget, port: number, framed?: FramedReads): Socket | undefined {
  const backend = target.resolve(port);
  if (!backend) return undefined;
  const fresh = (): Buffer => Buffer.allocUnsafe(framed!.headroom + READ_SIZE).subarray(framed!.headroom);
  const socket = framed
    ? connect({
        port: backend.port,
        host: backend.host,
        onread: {
          buffer: fresh,
          callback: (n, buf) => {
            framed.onRead(Buffer.from(buf.buffer, buf.byteOffset - framed.headroom, framed.headroom + n));
            return true; // pausing is the callee's (socket.pause())
          },
        },
      })
    : connect(backend.port, backend.host);
  socket.setNoDelay(true);
  return socket;
}

export function socketErrorText(target: ForwardTarget, port: number, err: NodeJS.ErrnoException, connected: boolean): string {
  if (!connected && err.code === 'ECONNREFUSED') return refusedText(target, port);
  const what = err.code === 'ECONNRESET' ? 'read: connection reset by peer' : err.message;
  return forwardErrorText(port, target.sandbox, `read tcp4 127.0.0.1->127.0.0.1:${port}: ${what}`);
}
