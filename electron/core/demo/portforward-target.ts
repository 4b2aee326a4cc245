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

/** Dials the port's backend; `undefined` when the pod has nothing there. Errors are reported, never thrown. */
export function dialPort(target: ForwardTarget, port: number): Socket | undefined {
  const backend = target.resolve(port);
  if (!backend) return undefined;
  const socket = connect(backend.port, backend.host);
  socket.setNoDelay(true);
  return socket;
}

export function socketErrorText(target: ForwardTarget, port: number, err: NodeJS.ErrnoException, connected: boolean): string {
  if (!connected && err.code === 'ECONNREFUSED') return refusedText(target, port);
  const what = err.code === 'ECONNRESET' ? 'read: connection reset by peer' : err.message;
  return forwardErrorText(port, target.sandbox, `read tcp4 127.0.0.1->127.0.0.1:${port}: ${what}`);
}
