// Against a scripted SPDY/3.1 server on a real socket: how the bytes of one local connection are
// grouped (docs/port-forward.md, Performance). Local reads of one event-loop turn leave as one data
// frame of at most 256 KiB once the server answered the pair; the pod's frames that arrive in one
// read reach the local client in one write, not one write per frame.
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { pipeThroughSpdy } from '../../../../../electron/core/forward/spdy/spdy-pipe.ts';
import {
  dataFrame,
  SETTINGS_INITIAL_WINDOW_SIZE,
  settingsFrame,
  windowUpdateFrame,
} from '../../../../../electron/core/kube/spdy/spdy-frames.ts';
import { recordWrites } from '../../../../support/socket-pair.ts';
import { spdyLinkPair } from '../../../../support/spdy-link-pair.ts';
import { startSpdyPeer } from '../../../../support/upgrade-server.ts';

const KIB = 1024;

interface Peer {
  socket: Socket;
  /** Payload length of each data frame received on the data stream (id 3), in order. */
  frames: number[];
  /** The data stream's payload bytes. */
  bytes: Buffer[];
}

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Answers every SYN_STREAM at once and records the data frames. */
async function spdyServer(onPeer: (p: Peer) => void): Promise<string> {
  const peers = new Map<Socket, Peer>();
  return startSpdyPeer(
    cleanups,
    (socket, data) => {
      const peer = peers.get(socket)!;
      peer.frames.push(data.length);
      peer.bytes.push(Buffer.from(data));
    },
    (socket) => {
      const peer: Peer = { socket, frames: [], bytes: [] };
      peers.set(socket, peer);
      onPeer(peer);
    },
  );
}

async function openPipe(window?: number): Promise<{ peer: Peer; served: Socket; client: Socket }> {
  let peer: Peer | undefined;
  const url = await spdyServer((p) => {
    peer = p;
    if (window) p.socket.write(Buffer.concat([settingsFrame(SETTINGS_INITIAL_WINDOW_SIZE, window), windowUpdateFrame(0, 16 * 1024 * KIB)]));
  });
  const { link, served, client } = await spdyLinkPair(cleanups, url);
  void pipeThroughSpdy(served, link, 9000);
  // The first bytes go out at once (kept until the answer); then the pair is answered.
  client.write('x');
  for (let i = 0; i < 100 && peer?.frames.length !== 1; i++) await sleep(10);
  expect(peer!.frames).toEqual([1]);
  await sleep(50);
  peer!.frames.length = 0;
  peer!.bytes.length = 0;
  return { peer: peer!, served, client };
}

describe('spdy-pipe grouping of bytes', () => {
  it('sends the local reads of one event-loop turn as one data frame of at most 256 KiB', async () => {
    const { peer, client } = await openPipe();
    client.write(Buffer.alloc(1024 * KIB, 7));
    for (let i = 0; i < 200 && peer.frames.reduce((a, b) => a + b, 0) < 1024 * KIB; i++) await sleep(10);
    expect(peer.frames.reduce((a, b) => a + b, 0)).toBe(1024 * KIB);
    expect(Math.max(...peer.frames)).toBeLessThanOrEqual(256 * KIB);
    // Node reads a socket 64 KiB at a time: one frame per read would be 16 frames.
    expect(peer.frames.length).toBeLessThan(16);
  });

  it('sends a batch only as far as the peer window allows, and the rest byte-exactly once the window opens', async () => {
    const { peer, client } = await openPipe(100_000);
    const payload = Buffer.alloc(1024 * KIB);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 7) % 251;
    client.write(payload);
    await sleep(200);
    // 1 byte went out before the answer; the window holds 99 999 more.
    expect(peer.frames.reduce((a, b) => a + b, 0)).toBe(99_999);
    peer.socket.write(windowUpdateFrame(3, 4 * 1024 * KIB));
    for (let i = 0; i < 200 && peer.frames.reduce((a, b) => a + b, 0) < payload.length; i++) await sleep(10);
    expect(Buffer.concat(peer.bytes).equals(payload)).toBe(true);
  });

  it('writes the pod frames that arrive in one read to the local client in one write', async () => {
    const { peer, served, client } = await openPipe();
    const writes = recordWrites(served);
    let got = 0;
    client.on('data', (d: Buffer) => (got += d.length));
    // 32 frames of 1 KiB in one write: one read on the forward's side.
    peer.socket.write(Buffer.concat(Array.from({ length: 32 }, () => dataFrame(3, Buffer.alloc(KIB, 1), false))));
    for (let i = 0; i < 100 && got < 32 * KIB; i++) await sleep(10);
    expect(got).toBe(32 * KIB);
    expect(writes).toEqual([32]);
  });
});
