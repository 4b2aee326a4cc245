import { afterEach, describe, expect, it } from 'vitest';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeDeskError } from '../../../../electron/core/errors.ts';
import { ForwardSession, type SessionOptions } from '../../../../electron/core/forward/forward-session.ts';
import type { ForwardSnapshot, ForwardState } from '../../../../electron/core/forward/forward-snapshot.ts';
import { parseListenAddresses } from '../../../../electron/core/forward/listen-addresses.ts';
import { TunnelError } from '../../../../electron/core/forward/tunnel-open.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { FakeForwardBackend } from '../../../fakes/fake-forward-backend.ts';
import { startEchoBackend, type TcpBackend } from '../../../fakes/tcp-backends.ts';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function echo(): Promise<TcpBackend> {
  const b = await startEchoBackend();
  cleanup.push(() => b.dispose());
  return b;
}

interface Harness {
  session: ForwardSession;
  backend: FakeForwardBackend;
  states: ForwardState[];
  snapshots: ForwardSnapshot[];
  lines: string[];
  port(): number;
}

function harness(backend: FakeForwardBackend, opts: Partial<SessionOptions> = {}): Harness {
  const states: ForwardState[] = [];
  const snapshots: ForwardSnapshot[] = [];
  const lines: string[] = [];
  const session = new ForwardSession({
    backend,
    addresses: parseListenAddresses(['127.0.0.1']),
    log: silentLogger,
    connectionWaitMs: 5000,
    healthIntervalMs: 0,
    statsIntervalMs: 20,
    errorGraceMs: 30,
    backoff: { initialMs: 20, maxMs: 80 },
    observer: {
      changed: (s) => {
        snapshots.push(s);
        if (states.at(-1) !== s.state) states.push(s.state);
      },
      listening: (b) => b.forEach((x) => lines.push(`listening ${x.address}:${x.local} -> ${x.remote}`)),
      connection: (l) => lines.push(`connection ${l}`),
      lost: (pod) => lines.push(`lost ${pod}`),
      reconnected: (pod) => lines.push(`reconnected ${pod}`),
      waiting: (pod, reason) => lines.push(`waiting ${pod}: ${reason}`),
      attemptFailed: (pod, reason) => lines.push(`attempt ${pod}: ${reason}`),
      connectionError: (l, r, m) => lines.push(`error ${l} -> ${r}: ${m}`),
    },
    ...opts,
  });
  cleanup.push(() => session.stop());
  return { session, backend, states, snapshots, lines, port: () => session.snapshot().bindings[0]!.local };
}

/** Sends text, resolves with what came back before the connection closed or `text.length` bytes. */
function talk(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    const s = connect({ host: '127.0.0.1', port }, () => s.write(text));
    s.on('data', (d: Buffer) => {
      got += d.toString();
      if (got.length >= text.length) s.destroy();
    });
    s.on('error', () => {});
    s.on('close', () => resolve(got));
  });
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('ForwardSession: Starting → Active → Reconnecting → Failed/Stopped', () => {
  it('goes Active only after the first probe passes, and carries bytes', async () => {
    const e = await echo();
    const h = harness(new FakeForwardBackend([{ name: 'web-1', backend: e.port }]));
    expect(h.session.state).toBe('starting');
    await h.session.start();
    expect(h.session.state).toBe('active');
    expect(h.backend.probes).toEqual([expect.objectContaining({ pod: 'web-1', ok: true })]);
    expect(await talk(h.port(), 'hello')).toBe('hello');
    expect(h.lines).toEqual([`listening 127.0.0.1:${h.port()} -> 80`, `connection ${h.port()}`]);
    await until(() => h.session.snapshot().stats.connectionsOpen === 0);
    const s = h.session.snapshot();
    expect(s.stats).toMatchObject({ connectionsTotal: 1, bytesIn: 5, bytesOut: 5 });
    expect(s.served).toEqual({ 'web-1': 1 });
  });

  it('fails the start with the resolution error, state Failed (kubectl errors are final)', async () => {
    const b = new FakeForwardBackend([]);
    b.resolveError = new KubeDeskError('invalid-input', 'unable to forward port because pod is not running. Current status=Pending');
    const h = harness(b);
    await expect(h.session.start()).rejects.toThrow('Current status=Pending');
    expect(h.session.state).toBe('failed');
    expect(h.session.snapshot().lastError).toMatchObject({ code: 'invalid-input' });
  });

  it('stays Reconnecting while the first probe fails; Active only once a probe passes', async () => {
    const e = await echo();
    const b = new FakeForwardBackend([{ name: 'web-1', backend: e.port, healthy: false }]);
    const h = harness(b);
    await h.session.start();
    expect(h.session.state).toBe('reconnecting');
    expect(h.lines).toContain('attempt web-1: error forwarding port 80 to pod web-1, uid : connection refused');
    await sleep(150);
    expect(h.session.state).toBe('reconnecting');
    b.pod('web-1').healthy = true;
    await until(() => h.session.state === 'active');
    // Every Active came right after a passing probe.
    expect(b.probes.at(-1)?.ok).toBe(true);
    expect(b.probes.filter((p) => !p.ok).length).toBeGreaterThan(1);
    expect(h.lines).toContain('reconnected web-1');
  });

  it('on pod loss: Lost line, its sockets closed, listeners kept; a new pod → Reconnected; queued connections then served (docs/port-forward.md, Pod loss, conformance 39)', async () => {
    const e1 = await echo();
    const e2 = await echo();
    const b = new FakeForwardBackend([
      { name: 'web-a', backend: e1.port },
      { name: 'web-b', backend: e2.port, exists: false },
    ]);
    const h = harness(b);
    await h.session.start();
    // A long-lived connection to web-a.
    const held = connect({ host: '127.0.0.1', port: h.port() });
    const heldClosed = new Promise<void>((r) => held.on('close', () => r()));
    held.on('error', () => {});
    await until(() => b.forwards.length === 1);
    b.pod('web-a').exists = false;
    b.event('DELETED', 'web-a');
    expect(h.session.state).toBe('reconnecting');
    await heldClosed;
    expect(h.lines).toContain('lost web-a');
    // A connection made while no pod is there waits…
    const pending = talk(h.port(), 'queued');
    await sleep(100);
    expect(h.session.state).toBe('reconnecting');
    // …until the replacement is Running and probed.
    b.pod('web-b').exists = true;
    b.event('ADDED', 'web-b');
    expect(await pending).toBe('queued');
    expect(h.session.state).toBe('active');
    expect(h.session.snapshot().pod).toBe('web-b');
    expect(h.lines.filter((l) => l.startsWith('reconnected'))).toEqual(['reconnected web-b']);
    expect(h.states).toEqual(['active', 'reconnecting', 'active']);
  });

  it('a terminating pod (deletionTimestamp) or a non-Running phase is a loss too', async () => {
    const e = await echo();
    const b = new FakeForwardBackend([{ name: 'web-a', backend: e.port }]);
    const h = harness(b);
    await h.session.start();
    b.event('MODIFIED', 'web-a', 'Running', true);
    expect(h.session.state).toBe('reconnecting');
    await until(() => h.session.state === 'active');
    b.event('MODIFIED', 'web-a', 'Failed');
    expect(h.session.state).toBe('reconnecting');
  });

  it('while the pod answers but its port refuses, connections are tried at once and fail with their own error (docs/port-forward.md, Pod loss)', async () => {
    const e = await echo();
    const b = new FakeForwardBackend([
      {
        name: 'web-a',
        backend: e.port,
        healthy: false,
        connectionError: 'error forwarding port 80 to pod web-a, uid : connection refused',
      },
    ]);
    const h = harness(b, { backoff: { initialMs: 5000, maxMs: 5000 } });
    await h.session.start();
    expect(h.session.state).toBe('reconnecting');
    const t0 = Date.now();
    expect(await talk(h.port(), 'x')).toBe('');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(h.lines).toContain(`error ${h.port()} -> 80: error forwarding port 80 to pod web-a, uid : connection refused`);
    // The port comes up: the next connection works and wakes the retry, which goes Active.
    b.pod('web-a').healthy = true;
    delete b.pod('web-a').connectionError;
    expect(await talk(h.port(), 'up')).toBe('up');
    await until(() => h.session.state === 'active', 2000);
  });

  it('announces the lost pod once, whether a failed re-probe or the watch noticed first', async () => {
    const e = await echo();
    const b = new FakeForwardBackend([
      { name: 'web-a', backend: e.port },
      { name: 'web-b', backend: e.port, exists: false },
    ]);
    const h = harness(b);
    await h.session.start();
    // The pod's port dies first (its connections get errors; the re-probe fails)…
    b.pod('web-a').healthy = false;
    h.session.recheck();
    await until(() => h.session.state === 'reconnecting');
    // …then the watch reports the pod deleted, and a replacement comes.
    b.pod('web-a').exists = false;
    b.event('DELETED', 'web-a');
    b.pod('web-b').exists = true;
    b.event('ADDED', 'web-b');
    await until(() => h.session.state === 'active');
    expect(h.lines.filter((l) => l.startsWith('lost') || l.startsWith('reconnected'))).toEqual(['lost web-a', 'reconnected web-b']);
  });

  it('closes a waiting connection after connectionWaitMs when no pod comes back', async () => {
    const e = await echo();
    const b = new FakeForwardBackend([{ name: 'web-a', backend: e.port }]);
    const h = harness(b, { connectionWaitMs: 300 });
    await h.session.start();
    b.pod('web-a').exists = false;
    b.event('DELETED', 'web-a');
    const t0 = Date.now();
    expect(await talk(h.port(), 'x')).toBe('');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(h.session.state).toBe('reconnecting');
  });

  it('a tunnel refused with 404 while Active starts a reconnect and the connection is retried', async () => {
    const e1 = await echo();
    const e2 = await echo();
    const b = new FakeForwardBackend([
      { name: 'web-a', backend: e1.port },
      { name: 'web-b', backend: e2.port, exists: false },
    ]);
    const h = harness(b);
    await h.session.start();
    // The pod vanished but no watch event came yet.
    b.pod('web-a').exists = false;
    b.pod('web-b').exists = true;
    expect(await talk(h.port(), 'retry me')).toBe('retry me');
    expect(b.forwards).toEqual(['web-b']);
    expect(h.lines).toContain('lost web-a');
  });

  it('apiserver unreachable: a failing re-probe → Reconnecting; back → Active, without user action', async () => {
    const e = await echo();
    const b = new FakeForwardBackend([{ name: 'web-a', backend: e.port }]);
    const h = harness(b);
    await h.session.start();
    b.down = true;
    b.sink?.onError(new Error('watch failed: ECONNRESET'));
    await until(() => h.session.state === 'reconnecting');
    await sleep(200);
    expect(h.session.state).toBe('reconnecting');
    expect(h.session.snapshot().lastError?.message).toContain('ECONNREFUSED');
    b.down = false;
    await until(() => h.session.state === 'active');
    expect(await talk(h.port(), 'back')).toBe('back');
  });

  it("checks an Active forward periodically through the apiserver, not by probing the pod's port; a failed check leads to a real probe", async () => {
    const e = await echo();
    const b = new FakeForwardBackend([{ name: 'web-a', backend: e.port }]);
    const h = harness(b, { healthIntervalMs: 30 });
    await h.session.start();
    await until(() => b.podChecks >= 3);
    expect(b.probes).toHaveLength(1);
    expect(h.session.state).toBe('active');
    // The apiserver stops answering without the watch noticing.
    b.down = true;
    await until(() => h.session.state === 'reconnecting');
    expect(b.probes.length).toBeGreaterThan(1);
    b.down = false;
    await until(() => h.session.state === 'active');
    // The pod vanished without an event: the check finds it gone.
    b.pod('web-a').exists = false;
    await until(() => h.session.state === 'reconnecting');
    expect(h.lines.filter((l) => l.startsWith('lost'))).toEqual(['lost web-a', 'lost web-a']);
  });

  it('skips the GET while the pod\'s SPDY connection answers its pings, and asks again once it stops', async () => {
    const e = await echo();
    const b = new FakeForwardBackend([{ name: 'web-a', backend: e.port }]);
    b.linkAnswering = true;
    const h = harness(b, { healthIntervalMs: 30 });
    await h.session.start();
    await sleep(200);
    expect(b.podChecks).toBe(0);
    expect(h.session.state).toBe('active');
    b.linkAnswering = false;
    await until(() => b.podChecks >= 2);
    b.pod('web-a').exists = false;
    await until(() => h.session.state === 'reconnecting');
  });

  it('recheck() (resume) re-probes: Active stays Active only if the tunnel works', async () => {
    const e = await echo();
    const b = new FakeForwardBackend([{ name: 'web-a', backend: e.port }]);
    const h = harness(b);
    await h.session.start();
    h.session.recheck();
    await until(() => b.probes.length === 2);
    expect(h.session.state).toBe('active');
    b.pod('web-a').healthy = false;
    h.session.recheck();
    await until(() => h.session.state === 'reconnecting');
  });

  it('an error-channel message closes only that connection; the listener keeps accepting (docs/port-forward.md, Pod loss, conformance 38)', async () => {
    const e = await echo();
    const b = new FakeForwardBackend([
      { name: 'web-a', backend: e.port, connectionError: 'error forwarding port 80 to pod web-a, uid : boom' },
    ]);
    const h = harness(b);
    await h.session.start();
    expect(await talk(h.port(), 'x')).toBe('');
    await until(() => h.lines.includes(`error ${h.port()} -> 80: error forwarding port 80 to pod web-a, uid : boom`));
    delete b.pod('web-a').connectionError;
    expect(await talk(h.port(), 'still here')).toBe('still here');
    expect(h.session.state).toBe('active');
  });

  it('spreads new connections over every pod in rotation and counts which pod served', async () => {
    const es = await Promise.all([echo(), echo(), echo()]);
    const b = new FakeForwardBackend(es.map((e, i) => ({ name: `web-${i}`, backend: e.port })));
    const h = harness(b, { spread: true });
    await h.session.start();
    expect(h.session.snapshot().pods).toEqual(['web-0', 'web-1', 'web-2']);
    for (let i = 0; i < 6; i++) expect(await talk(h.port(), `m${i}`)).toBe(`m${i}`);
    expect(b.forwards).toEqual(['web-0', 'web-1', 'web-2', 'web-0', 'web-1', 'web-2']);
    expect(h.session.snapshot().served).toEqual({ 'web-0': 2, 'web-1': 2, 'web-2': 2 });
    // Losing one pod keeps the forward Active on the others.
    b.pod('web-1').exists = false;
    b.event('DELETED', 'web-1');
    expect(h.session.state).toBe('active');
    expect(h.session.snapshot().pods).toEqual(['web-0', 'web-2']);
  });

  it('stop() closes listeners and connections; state Stopped; idempotent', async () => {
    const e = await echo();
    const h = harness(new FakeForwardBackend([{ name: 'web-a', backend: e.port }]));
    await h.session.start();
    const port = h.port();
    const held = connect({ host: '127.0.0.1', port });
    held.on('error', () => {});
    const closed = new Promise<void>((r) => held.on('close', () => r()));
    await until(() => h.session.snapshot().stats.connectionsOpen === 1);
    await Promise.all([h.session.stop(), h.session.stop()]);
    await closed;
    expect(h.session.state).toBe('stopped');
    const refused = await new Promise<string>((r) =>
      connect({ host: '127.0.0.1', port }).on('error', (err: NodeJS.ErrnoException) => r(err.code ?? '')),
    );
    expect(refused).toBe('ECONNREFUSED');
  });
});

describe('ForwardSession listeners (docs/port-forward.md, Arguments)', () => {
  async function busyPort(host = '127.0.0.1'): Promise<{ port: number; server: Server }> {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, host, r));
    cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
    return { port: (server.address() as AddressInfo).port, server };
  }

  it("a busy local port is the contract's port-in-use, naming the port and its owner", async () => {
    const { port } = await busyPort();
    const b = new FakeForwardBackend([{ name: 'web-a', backend: 1 }]);
    b.pairs = [{ local: port, remote: 80 }];
    const h = harness(b, { findOwner: async () => ({ pid: 4242, command: 'python3' }) });
    const err = await h.session.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KubeDeskError);
    expect(err).toMatchObject({ code: 'port-in-use', message: `port ${port} is already in use by python3 (pid 4242)` });
    expect(h.session.state).toBe('failed');
  });

  it('kubectl mode (the CLI): keeps the ports that bound; none → "unable to listen on any of the requested ports" (conformance 28)', async () => {
    const { port } = await busyPort();
    const e = await echo();
    const b = new FakeForwardBackend([{ name: 'web-a', backend: e.port }]);
    b.pairs = [
      { local: port, remote: 80 },
      { local: 0, remote: 90 },
    ];
    const h = harness(b, { partialListen: true });
    await h.session.start();
    expect(h.session.snapshot().bindings.map((x) => x.remote)).toEqual([90]);
    const b2 = new FakeForwardBackend([{ name: 'web-a', backend: e.port }]);
    b2.pairs = [{ local: port, remote: 80 }];
    const h2 = harness(b2, { partialListen: true });
    await expect(h2.session.start()).rejects.toThrow(`unable to listen on any of the requested ports: [{${port} 80}]`);
  });
});

describe('ForwardSession names why it cannot forward (docs/port-forward.md, when a forward fails)', () => {
  const tlsError = (): Error =>
    new TunnelError('unreachable', '127.0.0.1:6443: unable to verify the first certificate', undefined, {
      cause: Object.assign(new Error('unable to verify the first certificate'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }),
    });

  it('credentials refused on three tries in a row: Failed with the reason, each try named; new connections close at once', async () => {
    const e = await echo();
    const b = new FakeForwardBackend([{ name: 'web-a', backend: e.port }]);
    const h = harness(b, { connectionWaitMs: 10_000 });
    await h.session.start();
    b.failWith = new KubeDeskError('unauthorized', 'Unauthorized');
    h.session.recheck();
    await until(() => h.session.state === 'failed');
    expect(h.lines.filter((l) => !l.startsWith('listening'))).toEqual([
      'lost web-a',
      'attempt web-a: credentials refused (401)',
      'attempt web-a: credentials refused (401)',
      'attempt web-a: credentials refused (401)',
    ]);
    const s = h.session.snapshot();
    expect(s.reason).toBe('credentials refused (401)');
    expect(s.lastError).toMatchObject({
      code: 'unauthorized',
      message: 'could not reach pod web-a: credentials refused (401) (gave up after 3 tries)',
    });
    expect(h.snapshots.at(-1)).toMatchObject({ state: 'failed', reason: 'credentials refused (401)' });
    const t0 = Date.now();
    expect(await talk(h.port(), 'x')).toBe('');
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('a TLS failure is counted the same way; a transient failure in between starts the count again', async () => {
    const e = await echo();
    const b = new FakeForwardBackend([{ name: 'web-a', backend: e.port }]);
    const h = harness(b, { maxPermanentFailures: 3, backoff: { initialMs: 40, maxMs: 40 } });
    await h.session.start();
    b.failWith = tlsError();
    h.session.recheck();
    await until(() => h.lines.filter((l) => l.includes('TLS')).length === 2);
    b.failWith = undefined;
    b.down = true;
    await until(() => h.lines.includes('attempt web-a: connection refused'));
    b.down = false;
    b.failWith = tlsError();
    await until(() => h.session.state === 'failed');
    expect(h.lines.filter((l) => l.startsWith('attempt'))).toEqual([
      'attempt web-a: TLS: certificate signed by unknown authority',
      'attempt web-a: TLS: certificate signed by unknown authority',
      'attempt web-a: connection refused',
      'attempt web-a: TLS: certificate signed by unknown authority',
      'attempt web-a: TLS: certificate signed by unknown authority',
      'attempt web-a: TLS: certificate signed by unknown authority',
    ]);
    expect(h.session.snapshot().reason).toBe('TLS: certificate signed by unknown authority');
  });

  it('transient failures are retried forever; the same reason is said once, the state carries it', async () => {
    const e = await echo();
    const b = new FakeForwardBackend([{ name: 'web-a', backend: e.port }]);
    const h = harness(b);
    await h.session.start();
    b.down = true;
    h.session.recheck();
    await until(() => h.session.state === 'reconnecting');
    // Backoff 20–80 ms: several more tries in this time.
    await sleep(500);
    expect(h.session.state).toBe('reconnecting');
    expect(h.session.snapshot().reason).toBe('connection refused');
    expect(h.lines.filter((l) => l.startsWith('attempt'))).toEqual(['attempt web-a: connection refused']);
    b.down = false;
    await until(() => h.session.state === 'active');
    expect(h.session.snapshot().reason).toBeUndefined();
  });

  it('error-channel lines of connections to a pod that is then lost are dropped: one Lost line instead', async () => {
    const e1 = await echo();
    const e2 = await echo();
    const b = new FakeForwardBackend([
      { name: 'web-a', backend: e1.port },
      { name: 'web-b', backend: e2.port, exists: false },
    ]);
    const h = harness(b, { errorGraceMs: 300 });
    await h.session.start();
    // The kubelet errors every open connection of a pod it tears down, then the pod goes.
    b.pod('web-a').connectionError = 'error forwarding port 80 to pod web-a, uid : failed to find sandbox';
    await Promise.all([talk(h.port(), 'a'), talk(h.port(), 'b'), talk(h.port(), 'c')]);
    b.pod('web-a').exists = false;
    b.event('DELETED', 'web-a');
    b.pod('web-b').exists = true;
    b.event('ADDED', 'web-b');
    await until(() => h.session.state === 'active' && h.session.snapshot().pod === 'web-b');
    await sleep(400);
    expect(h.lines.filter((l) => !l.startsWith('listening') && !l.startsWith('connection'))).toEqual(['lost web-a', 'reconnected web-b']);
  });

  it('identical error-channel lines of one burst on a pod that stays are said once', async () => {
    const e = await echo();
    const b = new FakeForwardBackend([
      { name: 'web-a', backend: e.port, connectionError: 'error forwarding port 80 to pod web-a, uid : boom' },
    ]);
    const h = harness(b, { errorGraceMs: 100 });
    await h.session.start();
    await Promise.all([talk(h.port(), 'a'), talk(h.port(), 'b'), talk(h.port(), 'c')]);
    await until(() => h.lines.some((l) => l.startsWith('error')));
    await sleep(200);
    expect(h.lines.filter((l) => l.startsWith('error'))).toEqual([
      `error ${h.port()} -> 80: error forwarding port 80 to pod web-a, uid : boom`,
    ]);
    expect(h.session.state).toBe('active');
  });
});
