import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster } from '../../../electron/core/demo/demo-cluster.ts';
import { runCli, startCli, type LongRunning } from '../../support/run-cli.ts';
import { echoRoundTrip, echoWorks, freePort, runningPod, until } from '../core/forward/forward-test-support.ts';

let demo: Awaited<ReturnType<typeof startDemoCluster>>;
let kubeconfig: string;
let home: string;

beforeAll(async () => {
  demo = await startDemoCluster({});
  home = mkdtempSync(join(tmpdir(), 'kd-cli-fwd-'));
  kubeconfig = await demo.writeKubeconfig(home);
});
afterAll(async () => {
  await demo?.dispose();
});

const env = (): NodeJS.ProcessEnv => ({ HOME: home, KUBEDESK_HOME: join(home, 'kubedesk'), KUBECONFIG: '' });
const forward = (...args: string[]): LongRunning =>
  startCli(['forward', '--kubeconfig', kubeconfig, '--context', 'demo', ...args], { env: env() });
const forwardOnce = (...args: string[]) => runCli(['forward', '--kubeconfig', kubeconfig, '--context', 'demo', ...args], { env: env() });

async function stderrLine(p: LongRunning, re: RegExp, timeoutMs = 20_000): Promise<void> {
  await until(() => re.test(p.stderr()), timeoutMs, `stderr matching ${re}; stderr: ${p.stderr()}`);
}

describe('kubedesk forward (docs/cli.md, forward; docs/port-forward.md, conformance 24–39)', () => {
  it("pod/NAME: kubectl's two ready lines, then `Handling connection for L` per connection (conformance 24)", async () => {
    const pod = await runningPod(kubeconfig, 'app=echo');
    const p = forward('-n', 'shop', `pod/${pod}`, ':9000');
    const m = await p.waitForLine(/^Forwarding from 127\.0\.0\.1:(\d+) -> 9000$/);
    const port = Number(m[1]);
    await p.waitForLine(new RegExp(`^Forwarding from \\[::1\\]:${port} -> 9000$`));
    expect(p.lines.slice(0, 2)).toEqual([`Forwarding from 127.0.0.1:${port} -> 9000`, `Forwarding from [::1]:${port} -> 9000`]);
    const payload = randomBytes(100_000);
    expect((await echoRoundTrip(port, payload)).equals(payload)).toBe(true);
    expect((await echoRoundTrip(port, payload, 20_000, '::1')).equals(payload)).toBe(true);
    await p.waitForLine(new RegExp(`^Handling connection for ${port}$`));
    await until(() => p.lines.filter((l) => l === `Handling connection for ${port}`).length === 2, 5000, 'two Handling lines');
    expect(await p.stop()).toBe(0);
  });

  it('several ports in argument order, v4 then v6 each; --address 127.0.0.1 prints only the v4 line (conformance 25)', async () => {
    const p = forward('-n', 'shop', 'svc/api', ':80', ':9090');
    await until(() => p.lines.length >= 4, 20_000, 'four ready lines');
    const ports = p.lines.slice(0, 4).map((l) => /:(\d+) -> /.exec(l)?.[1]);
    expect(p.lines.slice(0, 4)).toEqual([
      `Forwarding from 127.0.0.1:${ports[0]} -> 8080`,
      `Forwarding from [::1]:${ports[0]} -> 8080`,
      `Forwarding from 127.0.0.1:${ports[2]} -> 9090`,
      `Forwarding from [::1]:${ports[2]} -> 9090`,
    ]);
    expect(await p.stop()).toBe(0);
    const v4 = forward('-n', 'shop', 'svc/api', ':80', '--address', '127.0.0.1');
    await v4.waitForLine(/^Forwarding from 127\.0\.0\.1:\d+ -> 8080$/);
    await new Promise((r) => setTimeout(r, 300));
    expect(v4.lines).toHaveLength(1);
    expect(await v4.stop()).toBe(0);
  });

  it('never prints the token, even with --verbose logs (docs/cli.md: secrets never appear in any output)', async () => {
    const pod = await runningPod(kubeconfig, 'app=echo');
    const p = forward('-n', 'shop', `pod/${pod}`, ':9000', '--address', '127.0.0.1', '--verbose');
    const m = await p.waitForLine(/^Forwarding from 127\.0\.0\.1:(\d+) -> 9000$/);
    expect(await echoWorks(Number(m[1]))).toBe(true);
    expect(await p.stop()).toBe(0);
    expect(p.stderr()).toContain('"msg":"forward state"');
    const all = p.lines.join('\n') + p.stderr();
    expect(all).not.toContain(demo.credentials.token);
  });

  it("usage errors exit 2 with kubectl's texts, before any cluster call (conformance 26, 27)", async () => {
    const a = await forwardOnce('pod/web', '80', '--address', 'example.com');
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('error: example.com is not a valid IP\n');
    const b = await forwardOnce('pod/web', '1:2:3');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("error: invalid port format '1:2:3'\n");
    const c = await forwardOnce('pod/web', '8080:0');
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('error: remote port must be > 0\n');
    expect(c.stdout).toBe('');
  });

  it('a port busy on both addresses: stderr `Unable to listen on port`, exit 1 `unable to listen on any of the requested ports` (conformance 28)', async () => {
    const v4: Server = createServer();
    await new Promise<void>((r) => v4.listen(0, '127.0.0.1', r));
    const port = (v4.address() as AddressInfo).port;
    const v6: Server = createServer();
    await new Promise<void>((r) => v6.listen({ port, host: '::1', ipv6Only: true }, r));
    try {
      const r = await forwardOnce('-n', 'shop', 'svc/echo', `${port}:9000`);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `Unable to listen on port ${port}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${port}: bind: address already in use`,
      );
      expect(r.stderr).toContain(`error: unable to listen on any of the requested ports: [{${port} 9000}]\n`);
    } finally {
      await new Promise<void>((r) => v4.close(() => r()));
      await new Promise<void>((r) => v6.close(() => r()));
    }
  });

  it("a named container port on a pod; a Pending pod is kubectl's error, exit 1 (conformance 29, 30)", async () => {
    const pod = await runningPod(kubeconfig, 'app=web');
    const p = forward('-n', 'shop', `pod/${pod}`, ':http', '--address', '127.0.0.1');
    await p.waitForLine(/^Forwarding from 127\.0\.0\.1:\d+ -> 8080$/);
    expect(await p.stop()).toBe(0);
    const pending = await forwardOnce('-n', 'shop', 'pod/report-generator', '8080');
    expect(pending.code).toBe(1);
    expect(pending.stderr).toBe('error: unable to forward port because pod is not running. Current status=Pending\n');
  });

  it('services: port → named targetPort; named service port; unknown port/name errors; headless; no selector (conformance 31, 33, 34, 35)', async () => {
    const a = forward('-n', 'shop', 'svc/web', ':80', '--address', '127.0.0.1');
    const m = await a.waitForLine(/^Forwarding from 127\.0\.0\.1:(\d+) -> 8080$/);
    const res = await fetch(`http://127.0.0.1:${m[1]}/`);
    expect(res.status).toBe(200);
    expect(await a.stop()).toBe(0);
    const b = forward('-n', 'shop', 'svc/web', ':http', '--address', '127.0.0.1');
    await b.waitForLine(/^Forwarding from 127\.0\.0\.1:\d+ -> 8080$/);
    expect(await b.stop()).toBe(0);
    const c = await forwardOnce('-n', 'shop', 'svc/web', '81');
    expect([c.code, c.stderr]).toEqual([1, 'error: Service web does not have a service port 81\n']);
    const d = await forwardOnce('-n', 'shop', 'svc/web', 'https');
    expect([d.code, d.stderr]).toEqual([1, "error: Service 'web' does not have a named port 'https'\n"]);
    const h = forward('-n', 'shop', 'svc/web-headless', ':80', '--address', '127.0.0.1');
    await h.waitForLine(/^Forwarding from 127\.0\.0\.1:\d+ -> 80$/);
    expect(await h.stop()).toBe(0);
    const e = await forwardOnce('-n', 'shop', 'svc/legacy-db', '5432');
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('Service is defined without a selector');
  });

  it('an error on one connection closes only it: stderr `an error occurred forwarding L -> R: …`, the listener keeps accepting (conformance 38)', async () => {
    const pod = await runningPod(kubeconfig, 'app=echo');
    // Nothing listens on 9999 in the pod: the probe fails (the forward is not Active) and each
    // connection gets the pod's error on its error channel.
    const p = forward('-n', 'shop', `pod/${pod}`, ':9999', '--address', '127.0.0.1');
    const m = await p.waitForLine(/^Forwarding from 127\.0\.0\.1:(\d+) -> 9999$/);
    const port = Number(m[1]);
    await stderrLine(p, new RegExp(`^Could not reach pod ${pod}: error forwarding port 9999 to pod `, 'm'));
    for (let i = 0; i < 2; i++) expect(await echoWorks(port, 10_000)).toBe(false);
    await until(
      () => (p.stderr().match(new RegExp(`^an error occurred forwarding ${port} -> 9999: .+$`, 'gm')) ?? []).length === 2,
      10_000,
      'two error lines',
    );
    expect(p.lines.filter((l) => l === `Handling connection for ${port}`)).toHaveLength(2);
    expect(await p.stop()).toBe(0);
  });

  it("the service's pod is deleted: `Lost connection to pod OLD`, then `Reconnected to pod NEW`; new connections reach it (conformance 39)", async () => {
    const old = await runningPod(kubeconfig, 'app=echo');
    const p = forward('-n', 'shop', 'svc/echo', ':9000', '--address', '127.0.0.1');
    const m = await p.waitForLine(/^Forwarding from 127\.0\.0\.1:(\d+) -> 9000$/);
    const port = Number(m[1]);
    expect(await echoWorks(port)).toBe(true);
    await demo.chaos.restartPod('shop', old);
    await stderrLine(p, new RegExp(`^Lost connection to pod ${old}$`, 'm'));
    await stderrLine(p, new RegExp(`^Reconnected to pod (?!${old}$)\\S+$`, 'm'), 30_000);
    const fresh = await runningPod(kubeconfig, 'app=echo');
    expect(p.stderr()).toContain(`Reconnected to pod ${fresh}\n`);
    expect(await echoWorks(port, 10_000)).toBe(true);
    // Ready lines are not reprinted.
    expect(p.lines.filter((l) => l.startsWith('Forwarding from'))).toHaveLength(1);
    expect(await p.stop()).toBe(0);
  });
});

describe('kubedesk forward says why it cannot forward (docs/port-forward.md, when a forward fails)', () => {
  it('a non-loopback --address warns on stderr and still starts', async () => {
    const p = forward('-n', 'shop', 'svc/echo', ':9000', '--address', '0.0.0.0');
    await p.waitForLine(/^Forwarding from 0\.0\.0\.0:\d+ -> 9000$/);
    expect(p.stderr()).toContain('Warning: --address 0.0.0.0 is not a loopback address: anyone who can reach it can connect to the pod');
    expect(await p.stop()).toBe(0);
    const local = forward('-n', 'shop', 'svc/echo', ':9000', '--address', '127.0.0.1');
    await local.waitForLine(/^Forwarding from 127\.0\.0\.1:\d+ -> 9000$/);
    expect(local.stderr()).not.toContain('Warning');
    expect(await local.stop()).toBe(0);
  });

  it('a restart of a deployment pod with open connections is one `Lost` and one `Reconnected` line, not a line per connection', async () => {
    const old = await runningPod(kubeconfig, 'app=echo');
    const p = forward('-n', 'shop', 'deploy/echo', ':9000', '--address', '127.0.0.1');
    const port = Number((await p.waitForLine(/^Forwarding from 127\.0\.0\.1:(\d+) -> 9000$/))[1]);
    // Eight connections held open through the pod, as a browser keeps them.
    const held = await Promise.all(Array.from({ length: 8 }, () => heldConnection(port)));
    const before = p.stderr().length;
    await demo.chaos.restartPod('shop', old);
    await stderrLine(p, /^Reconnected to pod \S+$/m, 30_000);
    await Promise.all(held.map((h) => h.closed));
    await new Promise((r) => setTimeout(r, 2000));
    const lines = p.stderr().slice(before).split('\n').filter(Boolean);
    const fresh = await runningPod(kubeconfig, 'app=echo');
    expect(lines).toEqual([`Lost connection to pod ${old}`, `Reconnected to pod ${fresh}`]);
    expect(await p.stop()).toBe(0);
  });

  it('pod/NAME whose pod is gone says it waits for it, once', async () => {
    const pod = await runningPod(kubeconfig, 'app=echo');
    const p = forward('-n', 'shop', `pod/${pod}`, ':9000', '--address', '127.0.0.1');
    const port = Number((await p.waitForLine(/^Forwarding from 127\.0\.0\.1:(\d+) -> 9000$/))[1]);
    expect(await echoWorks(port)).toBe(true);
    // A deployment's pod is replaced under a new name: this one never comes back.
    await demo.chaos.restartPod('shop', pod);
    await stderrLine(p, new RegExp(`^Waiting for pod ${pod} to be Running$`, 'm'));
    await new Promise((r) => setTimeout(r, 3000));
    expect(p.stderr().split('\n').filter(Boolean)).toEqual([`Lost connection to pod ${pod}`, `Waiting for pod ${pod} to be Running`]);
    expect(await p.stop()).toBe(0);
  });

  it('the apiserver comes back with a new CA: each try names the TLS reason, then exit 1 with it', { timeout: 90_000 }, async () => {
    const port = await freePort();
    let own = await startDemoCluster({ port });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'kd-cli-fwd-ca-'));
      const config = await own.writeKubeconfig(dir);
      const p = startCli(
        ['forward', '--kubeconfig', config, '--context', 'demo', '-n', 'shop', 'svc/echo', ':9000', '--address', '127.0.0.1'],
        {
          env: env(),
        },
      );
      const local = Number((await p.waitForLine(/^Forwarding from 127\.0\.0\.1:(\d+) -> 9000$/))[1]);
      expect(await echoWorks(local)).toBe(true);
      await own.dispose();
      own = await startDemoCluster({ port });
      // Any connection notices the loss at once (the periodic check would, 15 s later).
      void echoWorks(local, 1000);
      const code = await new Promise<number | null>((resolve) => p.child.on('close', resolve));
      const lines = p.stderr().split('\n').filter(Boolean);
      const tls = lines.filter((l) => /^Could not reach pod \S+: TLS: certificate signed by unknown authority$/.test(l));
      expect(tls).toHaveLength(3);
      expect(lines.at(-1)).toMatch(
        /^error: could not reach pod \S+: TLS: certificate signed by unknown authority \(gave up after 3 tries\)$/,
      );
      expect(code).toBe(1);
    } finally {
      await own.dispose();
    }
  });
});

/** A connection through the forward that has echoed once and stays open; `closed` when it ends. */
async function heldConnection(port: number): Promise<{ closed: Promise<void> }> {
  const s = connect({ host: '127.0.0.1', port });
  s.on('error', () => {});
  const closed = new Promise<void>((r) => s.on('close', () => r()));
  await new Promise<void>((resolve, reject) => {
    s.once('data', () => resolve());
    s.once('close', () => reject(new Error('closed before its echo')));
    s.write('ping');
  });
  return { closed };
}
