// Quitting disposes the core (electron/main/quit-sequence.ts): afterwards nothing KubeDesk opened
// may still listen. A real core on the demo cluster starts a forward, a proxy and a service gateway;
// after dispose each of their ports refuses connections.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { demoEnvForSuite } from '../../support/demo-env.ts';
import { demoCore } from './desktop-support.ts';

const env = demoEnvForSuite();
const never = new AbortController().signal;

function dial(host: string, port: number): Promise<'connected' | string> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      done('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}

describe('quitting stops every server and forward', () => {
  it('after core.dispose() no forward, proxy or gateway port accepts a connection', async () => {
    const core = demoCore(env().kubeconfig);
    const h = core.handlers;
    const forward = await h['forward:add']({ spec: { context: 'demo', namespace: 'shop', target: 'svc/web', ports: [':80'] } }, never);
    expect(forward.state).toBe('active');
    const proxy = await h['proxy:start']({ context: 'demo' }, never);
    const gateway = await h['services:open']({ context: 'demo', namespace: 'shop', service: 'web' }, never);
    const listeners = [
      ...forward.bindings.map((b) => ({ host: b.address, port: b.local })),
      { host: '127.0.0.1', port: proxy.port },
      { host: '127.0.0.1', port: Number(new URL(gateway.url).port) },
    ];
    expect(forward.bindings.length).toBeGreaterThan(0);
    for (const l of listeners) expect(await dial(l.host, l.port), `${l.host}:${l.port} before`).toBe('connected');

    await core.dispose();

    for (const l of listeners) expect(await dial(l.host, l.port), `${l.host}:${l.port} after`).toBe('ECONNREFUSED');
  });
});
