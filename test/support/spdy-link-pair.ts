// A forward's SPDY connection to a scripted apiserver on a real socket, and a local connection to
// pipe through it: the set-up of tests of spdy-pipe.ts and spdy-link.ts. The pool speaks only the
// plain SPDY upgrade (docs/port-forward.md, protocol B), as kubectl's fallback dialer does once the
// tunnel was refused (client-go/tools/portforward/fallback_dialer.go).
import type { Socket } from 'node:net';
import { LinkPool } from '../../electron/core/forward/spdy/link-pool.ts';
import type { SpdyLink } from '../../electron/core/forward/spdy/spdy-link.ts';
import { fakeClusterConnection } from '../fakes/fake-cluster-connection.ts';
import { socketPair } from './socket-pair.ts';

export interface SpdyLinkPair {
  pool: LinkPool;
  /** Pod `p`'s connection. */
  link: SpdyLink;
  /** The accepted end of a loopback connection, for the pipe. */
  served: Socket;
  /** Its client end, the local client's. */
  client: Socket;
}

/** Dials pod `p` through the apiserver at `url`; everything is disposed by the cleanups pushed on `cleanups`. */
export async function spdyLinkPair(cleanups: Array<() => void | Promise<void>>, url: string): Promise<SpdyLinkPair> {
  const conn = fakeClusterConnection(url);
  const pool = new LinkPool(() => ({ conn, namespace: 'ns', pod: 'p' }), ['spdy']);
  cleanups.push(() => {
    pool.dispose();
    conn.dispose();
  });
  const link = (await pool.link('p'))!;
  const [served, client] = await socketPair(cleanups);
  return { pool, link, served, client };
}
