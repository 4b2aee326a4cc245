// `kubedesk proxy` as a real process (docs/cli.md `proxy`, docs/proxy.md): ready lines, kubectl's
// warnings and errors on stderr, usage errors; then real kubectl through it against the demo
// cluster, including `kubectl port-forward` over the proxy's upgrade path.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../../electron/core/demo/demo-cluster.ts';
import { KUBECONFIG_TOKEN, startRecordingApiserver, type RecordingApiserver } from '../../fakes/recording-apiserver.ts';
import { probe } from '../../support/http-probe.ts';
import { CLI, ROOT, runCli, startCli } from '../../support/run-cli.ts';

/** An empty app store, so only the test's kubeconfig is seen. */
const ENV = { env: { KUBEDESK_HOME: mkdtempSync(join(tmpdir(), 'kd-proxy-home-')) } };

const READY = /^Starting to serve on (127\.0\.0\.1|\[::1\]):(\d+)$/;

function kubeconfigFor(server: string, caPem: string | undefined, token = KUBECONFIG_TOKEN): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-proxy-cli-'));
  const file = join(dir, 'kubeconfig');
  const ca = caPem ? `, certificate-authority-data: ${Buffer.from(caPem).toString('base64')}` : '';
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
current-context: rec
clusters: [{name: rec, cluster: {server: "${server}"${ca}}}]
users: [{name: u, user: {token: ${token}}}]
contexts: [{name: rec, context: {cluster: rec, user: u}}, {name: other, context: {cluster: rec, user: u, namespace: x}}]
`,
  );
  return file;
}

describe('kubedesk proxy: the command (docs/cli.md, docs/proxy.md, Flags)', () => {
  let up: RecordingApiserver;
  let kubeconfig: string;
  beforeAll(async () => {
    up = await startRecordingApiserver();
    kubeconfig = kubeconfigFor(up.url, up.caPem);
  });
  afterAll(async () => {
    await up.dispose();
  });

  it('prints exactly "Starting to serve on 127.0.0.1:8001" by default and exits 0 on SIGINT (conformance case 1)', async () => {
    // A network namespace of its own: port 8001 is free there whatever runs on this machine.
    const p = startInFreshNetwork(['proxy', '--kubeconfig', kubeconfig]);
    await p.waitForLine(READY);
    expect(p.lines).toEqual(['Starting to serve on 127.0.0.1:8001']);
    expect(await p.stop()).toBe(0);
    expect(p.stderr()).toBe('');
  });

  it('binds 127.0.0.1:8001 by default: with that port taken it fails naming it', async () => {
    const taken = await takePort(8001);
    const r = await runCli(['proxy', '--kubeconfig', kubeconfig], { ...ENV, timeoutMs: 10_000 });
    taken?.close();
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: listen tcp 127.0.0.1:8001: bind: address already in use\n');
    expect(r.stdout).toBe('');
  });

  it('--port 0 picks a port; --address ::1 prints [::1]:N (conformance case 2)', async () => {
    const v4 = startCli(['proxy', '--kubeconfig', kubeconfig, '--port', '0'], ENV);
    const [, host4, port4] = await v4.waitForLine(READY);
    expect(host4).toBe('127.0.0.1');
    expect(Number(port4)).toBeGreaterThan(0);
    const v6 = startCli(['proxy', '--kubeconfig', kubeconfig, '--address', '::1', '--port', '0'], ENV);
    const [line6, host6, port6] = await v6.waitForLine(READY);
    expect(line6).toBe(`Starting to serve on [::1]:${port6}`);
    expect(host6).toBe('[::1]');
    const r = await probe(Number(port6), '/api/', { host: '::1', headers: { Host: `[::1]:${port6}` } });
    expect(r.status).toBe(200);
  });

  it('--token prints a second line Token: <43 chars> and requires it (conformance case 21)', async () => {
    const p = startCli(['proxy', '--kubeconfig', kubeconfig, '--port', '0', '--token'], ENV);
    const [, , port] = await p.waitForLine(READY);
    const [tokenLine] = await p.waitForLine(/^Token: .*$/);
    expect(tokenLine).toMatch(/^Token: [A-Za-z0-9_-]{43}$/);
    expect(p.lines).toHaveLength(2);
    const none = await probe(Number(port), '/api/');
    expect(none.status).toBe(401);
    expect(none.body).toBe('Unauthorized\n');
    const ok = await probe(Number(port), '/api/', { headers: { 'X-KubeDesk-Token': tokenLine!.slice(7) } });
    expect(ok.status).toBe(200);
  });

  it("--disable-filter prints kubectl's XSRF warning on stderr and forwards any Host (conformance case 13)", async () => {
    const p = startCli(['proxy', '--kubeconfig', kubeconfig, '--port', '0', '--disable-filter'], ENV);
    const [, , port] = await p.waitForLine(READY);
    expect(p.stderr()).toBe('Request filter disabled, your proxy is vulnerable to XSRF attacks, please be cautious\n');
    expect((await probe(Number(port), '/api/', { headers: { Host: 'evil.example' } })).status).toBe(200);
  });

  it('a non-loopback --address warns and turns the token on (docs/security.md, H1, H6)', async () => {
    const p = startCli(['proxy', '--kubeconfig', kubeconfig, '--port', '0', '--address', '0.0.0.0', '--accept-hosts', '.*'], ENV);
    await p.waitForLine(/^Token: [A-Za-z0-9_-]{43}$/);
    expect(p.lines[0]).toMatch(/^Starting to serve on 0\.0\.0\.0:\d+$/);
    expect(p.stderr()).toMatch(/^Warning: --address 0\.0\.0\.0 is not a loopback address/m);
    expect(p.stderr()).toMatch(/^Warning: --accept-hosts "\.\*" accepts hosts such as evil\.example/m);
  });

  it('prints "Error while proxying request: …" when the apiserver is down, and answers 500 (conformance case 17)', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const dead = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const p = startCli(['proxy', '--kubeconfig', kubeconfigFor(`https://127.0.0.1:${dead}`, up.caPem), '--port', '0'], ENV);
    const [, , port] = await p.waitForLine(READY);
    const r = await probe(Number(port), '/api/v1/pods');
    expect(r.status).toBe(500);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.body).toBe(`connect ECONNREFUSED 127.0.0.1:${dead}\n`);
    await expect.poll(() => p.stderr()).toBe(`Error while proxying request: connect ECONNREFUSED 127.0.0.1:${dead}\n`);
  });

  it('--context picks the context; an unknown one exits 1', async () => {
    const r = await runCli(['proxy', '--kubeconfig', kubeconfig, '--port', '0', '--context', 'nope'], ENV);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: context was not found for specified context: nope\n');
  });

  it('--kubeconfig /nope exits 1 naming the file', async () => {
    const r = await runCli(['proxy', '--kubeconfig', '/nope', '--port', '0'], ENV);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*\/nope/);
  });

  it('usage errors exit 2: --unix-socket with --port, a bad regex, a bad port', async () => {
    const both = await runCli(['proxy', '--kubeconfig', kubeconfig, '--unix-socket', '/tmp/x.sock', '--port', '9000'], ENV);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^error: cannot set --unix-socket and --port at the same time\n/);
    const re = await runCli(['proxy', '--kubeconfig', kubeconfig, '--accept-hosts', '('], ENV);
    expect(re.code).toBe(2);
    expect(re.stderr).toMatch(/^error: --accept-hosts: invalid regular expression "\("/);
    const port = await runCli(['proxy', '--kubeconfig', kubeconfig, '--port', 'http'], ENV);
    expect(port.code).toBe(2);
  });

  it('a busy port exits 1 with kubectl-style text', async () => {
    const p = startCli(['proxy', '--kubeconfig', kubeconfig, '--port', '0'], ENV);
    const [, , port] = await p.waitForLine(READY);
    const r = await runCli(['proxy', '--kubeconfig', kubeconfig, '--port', String(port)], ENV);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: listen tcp 127.0.0.1:${port}: bind: address already in use\n`);
  });

  it('never prints the kubeconfig token, even with --verbose', async () => {
    const p = startCli(['proxy', '--kubeconfig', kubeconfig, '--port', '0', '--verbose'], ENV);
    const [, , port] = await p.waitForLine(READY);
    await probe(Number(port), '/api/');
    await probe(Number(port), '/api/', { headers: { Host: 'evil.example' } });
    expect(await p.stop()).toBe(0);
    expect(p.stderr()).toContain('proxy: listening');
    expect(`${p.lines.join('\n')}${p.stderr()}`).not.toContain(KUBECONFIG_TOKEN);
  });

  it('under a 256-descriptor limit, 2,000 held sockets never stop it answering others (docs/security.md, H9)', async () => {
    const p = startLimited(['proxy', '--kubeconfig', kubeconfig, '--port', '0'], 256);
    const [, , port] = await p.waitForLine(READY);
    const held: Socket[] = [];
    onTestFinished(() => held.forEach((s) => s.destroy()));
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from(
          { length: 200 },
          () =>
            new Promise<void>((resolve) => {
              const s = connect(Number(port), '127.0.0.1');
              held.push(s);
              s.on('error', () => resolve());
              s.on('connect', () => resolve());
            }),
        ),
      );
      const r = await probe(Number(port), '/api/');
      expect(r.status).toBe(200);
    }
    expect(p.stderr()).toBe('');
  });
});

interface Followed {
  lines: string[];
  stderr(): string;
  waitForLine(re: RegExp): Promise<RegExpMatchArray>;
  stop(): Promise<number | null>;
}

/**
 * `kubedesk ARGS` in a new network namespace (its own loopback, every port free), as a user
 * namespace's root; on the host when the kernel allows no user namespaces.
 */
function startInFreshNetwork(args: string[]): Followed {
  if (spawnSync('unshare', ['--net', '--map-root-user', 'true']).status !== 0) return startCli(args, ENV);
  return follow('unshare', [
    '--net',
    '--map-root-user',
    'sh',
    '-c',
    'ip link set lo up && exec "$@"',
    'sh',
    process.execPath,
    CLI,
    ...args,
  ]);
}

/** `kubedesk ARGS` with at most `fds` open file descriptors (`ulimit -n`). */
function startLimited(args: string[], fds: number): Followed {
  return follow('sh', ['-c', `ulimit -n ${fds} && exec "$@"`, 'sh', process.execPath, CLI, ...args]);
}

/** Runs a command that ends up exec'ing `kubedesk`, following its stdout lines; stopped when the test ends. */
function follow(command: string, args: string[]): Followed {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', PATH: `${process.env['PATH'] ?? ''}:/usr/sbin:/sbin`, ...ENV.env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    return exited;
  };
  onTestFinished(async () => void (await stop()));
  const lines = (): string[] => out.split('\n').slice(0, -1);
  return {
    get lines() {
      return lines();
    },
    stderr: () => err,
    stop,
    waitForLine: async (re) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        for (const l of lines()) {
          const m = re.exec(l);
          if (m) return m;
        }
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no line matching ${re}; stdout: ${out}; stderr: ${err}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/** Holds 127.0.0.1:PORT; undefined when someone else already does (it is taken either way). */
async function takePort(port: number): Promise<{ close(): void } | undefined> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(undefined) : reject(err)));
    server.listen(port, '127.0.0.1', () => resolve({ close: () => server.close() }));
  });
}

/** Runs real kubectl (the oracle, docs/proxy.md) with no kubeconfig of its own: everything goes through `--server`. */
function kubectl(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const home = mkdtempSync(join(tmpdir(), 'kd-kubectl-'));
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', ['--kubeconfig', '/dev/null', ...args], { env: { ...process.env, HOME: home, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `kubectl port-forward` through the proxy, then bytes through the forwarded port to the demo's TCP echo. */
async function portForwardEcho(proxyPort: number, env: NodeJS.ProcessEnv): Promise<{ echoed: string; stderr: string }> {
  const home = mkdtempSync(join(tmpdir(), 'kd-kubectl-'));
  const pf = spawn(
    'kubectl',
    ['--kubeconfig', '/dev/null', '--server', `http://127.0.0.1:${proxyPort}`, '-n', 'shop', 'port-forward', 'svc/echo', ':9000'],
    { env: { ...process.env, HOME: home, ...env } },
  );
  let stderr = '';
  pf.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const local = await new Promise<number>((resolve, reject) => {
      let out = '';
      pf.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^Forwarding from 127\.0\.0\.1:(\d+) -> 9000$/m.exec(out);
        if (m) resolve(Number(m[1]));
      });
      pf.on('close', (code) => reject(new Error(`kubectl port-forward exited ${code}: ${stderr}`)));
    });
    const socket = connect(local, '127.0.0.1');
    const echoed = await new Promise<string>((resolve, reject) => {
      let got = '';
      socket.on('data', (d: Buffer) => {
        got += d.toString();
        if (got.endsWith('\n')) resolve(got);
      });
      socket.on('error', reject);
      socket.write('bytes through kubedesk proxy\n');
    });
    socket.destroy();
    return { echoed, stderr };
  } finally {
    pf.kill('SIGINT');
  }
}

describe('kubedesk proxy: real kubectl through it, against the demo cluster', () => {
  let demo: DemoCluster;
  let kubeconfig: string;
  beforeAll(async () => {
    demo = await startDemoCluster();
    kubeconfig = await demo.writeKubeconfig(mkdtempSync(join(tmpdir(), 'kd-proxy-demo-')));
  });
  afterAll(async () => {
    await demo.dispose();
  });

  it('kubectl --server http://127.0.0.1:PORT get pods -A lists the demo pods, authenticated by the proxy', async () => {
    const p = startCli(['proxy', '--kubeconfig', kubeconfig, '--port', '0'], ENV);
    const [, , port] = await p.waitForLine(READY);
    const r = await kubectl(['--server', `http://127.0.0.1:${port}`, 'get', 'pods', '-A']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS/);
    expect(r.stdout).toMatch(/^shop\s+web-5d8f7c9b6d-\S+\s+1\/1\s+Running/m);
    expect(r.stdout).toMatch(/^kube-system\s+coredns-/m);
    // kubectl sent no credentials; the apiserver saw authenticated requests: the proxy added them.
    expect(demo.requestLog.filter((q) => q.path === '/api/v1/pods').every((q) => q.authenticated)).toBe(true);
  });

  it('kubectl port-forward through the proxy carries bytes both ways (WebSocket tunnel, kubectl ≥ 1.31 default)', async () => {
    const p = startCli(['proxy', '--kubeconfig', kubeconfig, '--port', '0'], ENV);
    const [, , port] = await p.waitForLine(READY);
    const r = await portForwardEcho(Number(port), {});
    expect(r.echoed).toBe('bytes through kubedesk proxy\n');
    expect(demo.requestLog.some((q) => q.method === 'GET' && q.path.endsWith('/portforward'))).toBe(true);
  });

  it('kubectl port-forward through the proxy over SPDY/3.1 (KUBECTL_PORT_FORWARD_WEBSOCKETS=false)', async () => {
    const p = startCli(['proxy', '--kubeconfig', kubeconfig, '--port', '0'], ENV);
    const [, , port] = await p.waitForLine(READY);
    const r = await portForwardEcho(Number(port), { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' });
    expect(r.echoed).toBe('bytes through kubedesk proxy\n');
    expect(demo.requestLog.some((q) => q.method === 'POST' && q.path.endsWith('/portforward'))).toBe(true);
  });

  it('kubectl exec through the proxy is refused by the default filter (docs/proxy.md, step 3)', async () => {
    const p = startCli(['proxy', '--kubeconfig', kubeconfig, '--port', '0'], ENV);
    const [, , port] = await p.waitForLine(READY);
    const before = demo.requestLog.length;
    const r = await kubectl(['--server', `http://127.0.0.1:${port}`, '-n', 'shop', 'exec', 'web-5d8f7c9b6d-q9m4z', '--', 'ls']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Forbidden|403/);
    expect(demo.requestLog.slice(before).some((q) => q.path.endsWith('/exec'))).toBe(false);
  });
});
