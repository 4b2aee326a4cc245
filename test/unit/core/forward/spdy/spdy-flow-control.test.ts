// Against a scripted SPDY/3.1 server on a real socket: the streams kubectl opens, with its
// headers, and the peer's windows honoured once it announces them (SPDY/3.1 §2.6.8).
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeHeaderBlock, HeaderDecompressor } from '../../../../../electron/core/demo/spdy-framer.ts';
import { pipeThroughSpdy } from '../../../../../electron/core/forward/spdy/spdy-pipe.ts';
import { FrameReader } from '../../../../../electron/core/kube/spdy/frame-reader.ts';
import {
  FrameType,
  SETTINGS_INITIAL_WINDOW_SIZE,
  settingsFrame,
  windowUpdateFrame,
} from '../../../../../electron/core/kube/spdy/spdy-frames.ts';
import { spdyLinkPair } from '../../../../support/spdy-link-pair.ts';
import { startUpgradeServer } from '../../../../support/upgrade-server.ts';

interface Peer {
  socket: Socket;
  streams: Array<{ id: number; headers: Map<string, string[]> }>;
  /** Data bytes received per stream. */
  got: Map<number, number>;
  fins: number[];
}

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function spdyServer(onPeer: (p: Peer) => void): Promise<string> {
  return startUpgradeServer(cleanups, (req, socket) => {
    expect(req.method).toBe('POST');
    expect(req.headers['x-stream-protocol-version']).toBe('portforward.k8s.io');
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n',
    );
    const peer: Peer = { socket, streams: [], got: new Map(), fins: [] };
    const inflater = new HeaderDecompressor();
    let chain = Promise.resolve();
    const reader = new FrameReader({
      control: (type, _flags, payload) => {
        if (type !== FrameType.SYN_STREAM) return;
        const id = payload.readUInt32BE(0);
        chain = chain.then(async () => {
          peer.streams.push({ id, headers: decodeHeaderBlock(await inflater.decompress(payload.subarray(10))) });
        });
      },
      data: (id, chunk, fin) => {
        peer.got.set(id, (peer.got.get(id) ?? 0) + chunk.length);
        if (fin) peer.fins.push(id);
      },
    });
    socket.on('data', (d: Buffer) => reader.push(d));
    onPeer(peer);
  });
}

describe('SpdyLink against a peer that keeps windows', () => {
  it('opens error then data streams with kubectl headers, and sends no more than the window the peer grants', async () => {
    let peer: Peer | undefined;
    const url = await spdyServer((p) => {
      peer = p;
      p.socket.write(settingsFrame(SETTINGS_INITIAL_WINDOW_SIZE, 1000));
    });
    const { pool, link, served, client } = await spdyLinkPair(cleanups, url);
    expect(pool.transport).toBe('spdy');
    await sleep(50); // the SETTINGS frame arrives
    const piped = pipeThroughSpdy(served, link, 8080);
    client.write(Buffer.alloc(5000, 1));
    await sleep(200);
    expect(
      peer!.streams.map((s) => [s.id, s.headers.get('streamtype')?.[0], s.headers.get('port')?.[0], s.headers.get('requestid')?.[0]]),
    ).toEqual([
      [1, 'error', '8080', '0'],
      [3, 'data', '8080', '0'],
    ]);
    // The error stream is half-closed at once (kubectl closes it right after creating it).
    expect(peer!.fins).toEqual([1]);
    expect(peer!.got.get(3)).toBe(1000);
    peer!.socket.write(windowUpdateFrame(3, 1500));
    await sleep(100);
    expect(peer!.got.get(3)).toBe(2500);
    peer!.socket.write(windowUpdateFrame(3, 1 << 20));
    client.end();
    await sleep(100);
    expect(peer!.got.get(3)).toBe(5000);
    expect(peer!.fins).toEqual([1, 3]);
    link.close();
    client.destroy();
    const result = await piped;
    expect(result.bytesOut).toBe(5000);
  });
});
