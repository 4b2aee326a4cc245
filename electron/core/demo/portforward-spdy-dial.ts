// Connects a complete error/data pair of a SPDY port-forward session to its pod's port
// (docs/port-forward.md, protocols B and C; kubelet's pkg/cri/streaming/portforward/httpstream.go):
// the pod's reads go out as data frames, client bytes that came before the pair was complete
// go in first, and whatever ends the pod's connection ends the pair, with the kubelet's text.
import type { Socket } from 'node:net';
import { dialPort, refusedText, socketErrorText, type ForwardTarget } from './portforward-target.ts';
import type { StreamPair } from './portforward-spdy-streams.ts';

export interface PairLink {
  /** Sends a data frame (head included) read from the pod's `socket`. */
  send(frame: Buffer, socket?: Socket): void;
  /** Ends the pair, with `errorText` on its error stream. */
  end(errorText?: string): void;
}

export function dialPair(pair: StreamPair, target: ForwardTarget, link: PairLink): void {
  const port = pair.data!.port ?? pair.error!.port;
  if (port === undefined) {
    link.end(`unable to parse "${pair.data!.port ?? ''}" as a port`);
    return;
  }
  // The backend's reads land behind room for the data frame's head: each goes out as one
  // frame without a copy (dataFrame would concatenate).
  const socket = dialPort(target, port, {
    headroom: 8,
    onRead: (frame) => {
      if (pair.data!.localFin) return;
      frame.writeUInt32BE(pair.data!.id & 0x7fffffff, 0);
      frame.writeUInt32BE(frame.length - 8, 4);
      link.send(frame, socket);
    },
  });
  if (!socket) {
    link.end(refusedText(target, port));
    return;
  }
  pair.socket = socket;
  for (const b of pair.early) socket.write(b);
  pair.early = [];
  if (pair.earlyFin) socket.end();
  socket.on('connect', () => {
    pair.connected = true;
  });
  socket.on('end', () => {
    // The pod's side finished writing: EOF on the data stream, then the (empty) error stream.
    link.end();
  });
  socket.on('error', (err: NodeJS.ErrnoException) => link.end(socketErrorText(target, port, err, pair.connected)));
  socket.on('close', () => link.end());
}
