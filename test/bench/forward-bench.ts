// Port-forward benchmark: 64 MiB through the demo's TCP echo — direct TCP to the backend vs real
// `kubectl port-forward` (v1.32, SPDY over WebSocket) vs `kubedesk forward` (its automatic
// choice) and KubeDesk forced onto each wire path (docs/port-forward.md, Wire protocols: SPDY
// over WebSocket, plain SPDY, one v4 WebSocket per connection), each forwarder in its own
// process — and connect latency (connect → first echoed byte) p50/p99 over 200 sequential
// connections. Ratios are against the same run's baselines. The demo apiserver runs in a
// process of its own. Before that, the resident memory of the `kubectl port-forward` and
// `kubedesk forward` processes: idle, after 200 concurrent 256 KiB echoes and 8 concurrent 8 MiB
// echoes (each checked byte for byte), and 3 s later. During the throughput rounds, the CPU time
// (user + system, /proc/<pid>/stat) each forwarder process and the demo apiserver (with its echo
// pod) spend per MiB echoed: where the two cores go, hence what limits throughput
// (docs/port-forward.md, Performance).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { kubeJson } from '../../electron/core/cluster/kube-request.ts';
import { connectKubeconfig } from '../support/kubeconfig-connect.ts';
import type { ForwardTransport } from '../../electron/core/forward/spdy/link-pool.ts';
import type { List, Pod } from '../../electron/core/kube/kube-objects.ts';
import { startEchoBackend } from '../fakes/tcp-backends.ts';
import { cpuMs } from './process-cpu.ts';

const MIB = 1024 * 1024;
const TOTAL = 64 * MIB;
const CONNECTIONS = 200;
const ROUNDS = 5;

/** Streams `TOTAL` bytes to an echo and reads them back; resolves with the elapsed ms. */
function throughput(port: number, payload: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let received = 0;
    const s = connect({ host: '127.0.0.1', port }, () => {
      let sent = 0;
      const pump = (): void => {
        while (sent < TOTAL) {
          const n = Math.min(payload.length, TOTAL - sent);
          sent += n;
          if (!s.write(n === payload.length ? payload : payload.subarray(0, n))) {
            s.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    s.setNoDelay(true);
    s.on('data', (d: Buffer) => {
      received += d.length;
      if (received >= TOTAL) {
        const ms = performance.now() - t0;
        s.destroy();
        resolve(ms);
      }
    });
    s.on('error', reject);
    s.on('close', () => {
      if (received < TOTAL) reject(new Error(`echo closed after ${received} of ${TOTAL} bytes`));
    });
  });
}

/** One connection: connect, one byte out, one byte back; ms. */
function connectLatency(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const s = connect({ host: '127.0.0.1', port }, () => s.write('x'));
    s.setNoDelay(true);
    s.once('data', () => {
      const ms = performance.now() - t0;
      s.destroy();
      resolve(ms);
    });
    s.on('error', reject);
  });
}

/** One echo of `bytes` on a fresh connection, checked byte for byte. */
function echoOnce(port: number, payload: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const got: Buffer[] = [];
    let received = 0;
    const s = connect({ host: '127.0.0.1', port }, () => s.write(payload));
    s.on('data', (d: Buffer) => {
      got.push(d);
      received += d.length;
      if (received < payload.length) return;
      s.destroy();
      if (Buffer.concat(got).equals(payload)) resolve();
      else reject(new Error(`echo of ${payload.length} bytes came back different`));
    });
    s.on('error', reject);
    s.on('close', () => {
      if (received < payload.length) reject(new Error(`echo closed after ${received} of ${payload.length} bytes`));
    });
  });
}

/** The memory load: 200 concurrent 256 KiB echoes, then 8 concurrent 8 MiB echoes. */
async function memoryLoad(port: number): Promise<void> {
  const small = randomBytes(256 * 1024);
  await Promise.all(Array.from({ length: 200 }, () => echoOnce(port, small)));
  const big = randomBytes(8 * MIB);
  await Promise.all(Array.from({ length: 8 }, () => echoOnce(port, big)));
}

/** Resident set size of a process, MB (Linux /proc). */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The `--` options a Node process runs with, before its script (Linux /proc). */
function nodeFlags(pid: number): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(1);
    const flags = args.slice(
      0,
      args.findIndex((a) => !a.startsWith('--')),
    );
    return flags.join(' ') || '(none)';
  } catch {
    return '?';
  }
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

function median(values: number[]): number {
  return percentile(values, 50);
}

interface Figures {
  /** Median and best of the interleaved rounds. */
  mibPerSec: number;
  bestMibPerSec: number;
  p50: number;
  p99: number;
  /** CPU ms per MiB echoed over the rounds: the forwarder's process (none for direct), the apiserver's, this one's. */
  cpuPerMib: { forwarder: number; apiserver: number; client: number };
}

/**
 * The machine is shared, so load comes and goes: every contender runs once per round, in turn,
 * for ROUNDS rounds (after a warm-up each), and each reports its median.
 */
async function measureAll(
  ports: Record<string, number>,
  pids: Record<string, number>,
  apiserverPid: number,
): Promise<Record<string, Figures>> {
  const payload = randomBytes(256 * 1024);
  const names = Object.keys(ports);
  const ms: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const cpu: Record<string, [number, number, number]> = Object.fromEntries(names.map((n) => [n, [0, 0, 0]]));
  const sample = (n: string): [number, number, number] => {
    const own = process.cpuUsage();
    return [pids[n] ? cpuMs(pids[n]) : 0, cpuMs(apiserverPid), (own.user + own.system) / 1000];
  };
  for (const n of names) await throughput(ports[n]!, payload);
  for (let r = 0; r < ROUNDS; r++) {
    for (const n of names) {
      const before = sample(n);
      ms[n]!.push(await throughput(ports[n]!, payload));
      const after = sample(n);
      for (let i = 0; i < 3; i++) cpu[n]![i]! += after[i]! - before[i]!;
    }
  }
  const mib = (ROUNDS * TOTAL) / MIB;
  const lat: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < CONNECTIONS; i++) for (const n of names) lat[n]!.push(await connectLatency(ports[n]!));
  const rate = (t: number): number => TOTAL / MIB / (t / 1000);
  return Object.fromEntries(
    names.map((n) => [
      n,
      {
        mibPerSec: rate(median(ms[n]!)),
        bestMibPerSec: rate(Math.min(...ms[n]!)),
        p50: percentile(lat[n]!, 50),
        p99: percentile(lat[n]!, 99),
        cpuPerMib: { forwarder: cpu[n]![0] / mib, apiserver: cpu[n]![1] / mib, client: cpu[n]![2] / mib },
      },
    ]),
  );
}

/** The demo apiserver in its own process, so it does not share an event loop with the clients. */
function startDemoProcess(dir: string): Promise<{ kubeconfig: string; child: ChildProcess }> {
  const demoModule = pathToFileURL(join(import.meta.dirname, '../../electron/core/demo/demo-cluster.ts')).href;
  const code = `
    import { startDemoCluster } from ${JSON.stringify(demoModule)};
    const demo = await startDemoCluster({});
    const kubeconfig = await demo.writeKubeconfig(process.env.BENCH_DIR);
    process.stdout.write(JSON.stringify({ kubeconfig }) + '\\n');
    process.stdin.on('end', async () => { await demo.dispose(); process.exit(0); });
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    env: { ...process.env, BENCH_DIR: dir },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (c) => reject(new Error(`demo exited ${c}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ kubeconfig: (JSON.parse(out.slice(0, nl)) as { kubeconfig: string }).kubeconfig, child });
    });
  });
}

/** `kubectl port-forward` or `kubedesk forward`, each in its own process, as users run them. */
function startForwarder(cmd: string[], kubeconfig: string, pod: string): Promise<{ port: number; child: ChildProcess }> {
  const home = mkdtempSync(join(tmpdir(), 'kd-bench-fwd-home-'));
  const child = spawn(
    cmd[0]!,
    [...cmd.slice(1), '--kubeconfig', kubeconfig, '--context', 'demo', '-n', 'shop', `pod/${pod}`, ':9000', '--address', '127.0.0.1'],
    {
      // FORWARD_BENCH_NODE_OPTIONS: NODE_OPTIONS for the forwarder only, to compare heap flags
      // (the CLI adds none of its own when NODE_OPTIONS names one; docs/cli.md, Memory).
      env: { ...process.env, HOME: home, KUBEDESK_HOME: home, ...nodeOptions() },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return readyPort(child, cmd.join(' '));
}

function nodeOptions(): { NODE_OPTIONS?: string } {
  const o = process.env['FORWARD_BENCH_NODE_OPTIONS'];
  return o ? { NODE_OPTIONS: o } : {};
}

/** A KubeDesk forward forced onto one wire path, in its own process; prints kubectl's ready line. */
function startForcedForwarder(
  transport: ForwardTransport,
  kubeconfig: string,
  pod: string,
): Promise<{ port: number; child: ChildProcess }> {
  const mod = (p: string): string => JSON.stringify(pathToFileURL(join(import.meta.dirname, '../..', p)).href);
  const code = `
    import { connectKubeconfig } from ${mod('test/support/kubeconfig-connect.ts')};
    import { ForwardSession } from ${mod('electron/core/forward/forward-session.ts')};
    import { createKubeBackend } from ${mod('electron/core/forward/kube-backend.ts')};
    import { parseListenAddresses } from ${mod('electron/core/forward/listen-addresses.ts')};
    import { parsePortArgs } from ${mod('electron/core/forward/port-args.ts')};
    import { silentLogger } from ${mod('electron/core/log.ts')};
    const conn = await connectKubeconfig(process.env.BENCH_KUBECONFIG, 'demo');
    const session = new ForwardSession({
      backend: createKubeBackend({
        conn,
        request: { namespace: 'shop', target: { kind: 'pod', name: process.env.BENCH_POD }, ports: parsePortArgs([':9000']) },
        transports: [process.env.BENCH_TRANSPORT],
      }),
      addresses: parseListenAddresses(['127.0.0.1']),
      log: silentLogger,
      healthIntervalMs: 0,
    });
    await session.start();
    const snap = session.snapshot();
    if (snap.transport !== process.env.BENCH_TRANSPORT) throw new Error('transport ' + snap.transport);
    process.stdout.write('Forwarding from 127.0.0.1:' + snap.bindings[0].local + ' -> 9000\\n');
    process.stdin.on('end', async () => { await session.stop(); conn.dispose(); process.exit(0); });
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    env: { ...process.env, BENCH_KUBECONFIG: kubeconfig, BENCH_POD: pod, BENCH_TRANSPORT: transport },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return readyPort(child, transport);
}

function readyPort(child: ChildProcess, what: string): Promise<{ port: number; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`${what} exited ${code}: ${err}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Forwarding from 127\.0\.0\.1:(\d+) -> 9000/.exec(out);
      if (m) resolve({ port: Number(m[1]), child });
    });
  });
}

function cpuText(x: Figures): string {
  const c = x.cpuPerMib;
  return `${c.forwarder.toFixed(2)}, ${c.apiserver.toFixed(2)}, ${c.client.toFixed(2)}`;
}

const TRANSPORTS: readonly ForwardTransport[] = ['spdy-websocket', 'spdy', 'websocket-v4'];

export async function benchForward(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'kd-bench-fwd-'));
  const demo = await startDemoProcess(dir);
  const kubeconfig = demo.kubeconfig;
  const conn = await connectKubeconfig(kubeconfig, 'demo');
  const children: ChildProcess[] = [];
  let cleanupDirect: (() => Promise<void>) | undefined;
  try {
    const pods = await kubeJson<List<Pod>>(conn, { path: '/api/v1/namespaces/shop/pods', query: { labelSelector: 'app=echo' } });
    const pod = pods.items.find((p) => p.status?.phase === 'Running')!.metadata.name!;
    // The demo does not expose its backends' local ports; the baseline is the same echo server
    // (net.Server + socket.pipe(socket), as electron/core/demo/backend-servers.ts) reached
    // directly over loopback TCP.
    const direct = await startEchoBackend();
    cleanupDirect = () => direct.dispose();
    const ports: Record<string, number> = { direct: direct.port };
    const started = async (name: string, p: Promise<{ port: number; child: ChildProcess }>): Promise<void> => {
      const f = await p;
      children.push(f.child);
      ports[name] = f.port;
    };
    await started('kubectl', startForwarder(['/usr/bin/kubectl', 'port-forward'], kubeconfig, pod));
    // The `kubedesk` command as users run it (package.json bin): the prebuilt bundle while current.
    await started(
      'kubedesk',
      startForwarder([process.execPath, join(import.meta.dirname, '../../electron/cli/kubedesk.mjs'), 'forward'], kubeconfig, pod),
    );
    for (const t of TRANSPORTS) await started(t, startForcedForwarder(t, kubeconfig, pod));

    // Memory before any other traffic: idle (after the first connection opened the pod's
    // connection), then after the load, then once timers and GC had a moment.
    const pids: Record<string, number> = { kubectl: children[0]!.pid!, 'kubedesk forward': children[1]!.pid! };
    const rss: Record<string, number> = {};
    for (const name of ['kubectl', 'kubedesk']) await connectLatency(ports[name]!);
    await new Promise((r) => setTimeout(r, 1000));
    for (const [name, pid] of Object.entries(pids)) rss[`${name} RSS idle MB`] = rssMb(pid);
    for (const name of ['kubectl', 'kubedesk']) await memoryLoad(ports[name]!);
    for (const [name, pid] of Object.entries(pids)) rss[`${name} RSS after load MB`] = rssMb(pid);
    await new Promise((r) => setTimeout(r, 3000));
    for (const [name, pid] of Object.entries(pids)) rss[`${name} RSS 3 s later MB`] = rssMb(pid);

    const forwarderPids: Record<string, number> = {};
    ['kubectl', 'kubedesk', ...TRANSPORTS].forEach((name, i) => (forwarderPids[name] = children[i]!.pid!));
    const f = await measureAll(ports, forwarderPids, demo.child.pid!);
    const d = f['direct']!;
    const kc = f['kubectl']!;
    const out: Record<string, number | string> = {
      'direct MiB/s (median)': d.mibPerSec,
      'kubectl MiB/s (median)': kc.mibPerSec,
      'direct connect p50 ms': d.p50,
      'direct connect p99 ms': d.p99,
      'kubectl connect p50 ms': kc.p50,
      'kubectl connect p99 ms': kc.p99,
      // The CLI starts long-running commands again with memory flags (docs/cli.md, Memory); the
      // forced-path forwarders below run with Node's defaults.
      'kubedesk forward node flags': [nodeFlags(children[1]!.pid!), nodeOptions().NODE_OPTIONS].filter(Boolean).join(', NODE_OPTIONS: '),
      ...rss,
      // Echo server and client share this process for direct; elsewhere the echo is in the apiserver's.
      'CPU ms/MiB direct: client + echo': d.cpuPerMib.client,
      'CPU ms/MiB kubectl: forwarder, apiserver, client': cpuText(kc),
    };
    for (const name of ['kubedesk', ...TRANSPORTS]) {
      const label = name === 'kubedesk' ? 'kubedesk forward (automatic)' : `kubedesk ${name}`;
      const x = f[name]!;
      out[`${label} MiB/s (median)`] = x.mibPerSec;
      out[`${label}/kubectl throughput (goal >= 1.3)`] = x.mibPerSec / kc.mibPerSec;
      out[`${label}/kubectl best-round throughput`] = x.bestMibPerSec / kc.bestMibPerSec;
      out[`${label}/direct throughput`] = x.mibPerSec / d.mibPerSec;
      out[`CPU ms/MiB ${label}: forwarder, apiserver, client`] = cpuText(x);
      out[`${label} connect p50 ms`] = x.p50;
      out[`${label} connect p99 ms`] = x.p99;
      out[`${label}/kubectl connect p50 (goal <= 1.0)`] = x.p50 / kc.p50;
      out[`${label}/kubectl connect p99`] = x.p99 / kc.p99;
    }
    return out;
  } finally {
    for (const c of children) {
      c.kill('SIGINT');
      c.stdin?.end();
    }
    await cleanupDirect?.();
    conn.dispose();
    demo.child.stdin!.end();
    await new Promise((r) => demo.child.once('exit', r));
  }
}
