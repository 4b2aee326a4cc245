// Serve-mode benchmark: the core's memory and idle cost as `kubedesk serve` runs it, with what a
// heavy user keeps open all day: 50 contexts, 100 active forwards (two per context) and the
// services watch of every namespace of a 10,000-service cluster. The demo cluster (`kubedesk demo
// --services N`) and `kubedesk serve` run as their own processes, started through the package's bin
// (electron/cli/kubedesk.mjs) as users start them; this process is the browser's side of the
// WebSocket bridge (docs/security.md, Serve mode; docs/architecture.md, The IPC contract). Once
// everything is live and has settled, it reads serve's RSS, and the CPU it uses and the times its
// main thread woke over SERVE_BENCH_IDLE_MS of idle, from /proc. The idle window (60 s) holds a
// whole period of everything periodic at idle (docs/port-forward.md, Idle cost): the watches'
// bookmarks (one a minute, as kube-apiserver sends them), the 10 s and 5 s SPDY pings, the 15 s
// health checks; a shorter one would read more or less depending on which of them it catches
// (and /proc counts CPU in 10 ms ticks).
// Goals: RSS < 300 MB, idle CPU ~0 (no polling loops).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { parse, stringify } from 'yaml';
import {
  BRIDGE_PATH,
  BRIDGE_PROTOCOL,
  SESSION_PATH,
  TOKEN_PROTOCOL_PREFIX,
  type BridgeMessage,
} from '../../electron/shared/bridge-protocol.ts';
import type { Channel, ForwardInfo, ForwardSpecInput, Req, Res, Result } from '../../electron/shared/ipc-contract.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'electron/cli/kubedesk.mjs');
const SERVICES = Number(process.env['SERVE_BENCH_SERVICES'] ?? 10_000);
const CONTEXTS = 50;
const FORWARDS = 100;
const SETTLE_MS = Number(process.env['SERVE_BENCH_SETTLE_MS'] ?? 10_000);
const IDLE_MS = Number(process.env['SERVE_BENCH_IDLE_MS'] ?? 60_000);
const LIVE_TIMEOUT_MS = 120_000;
/** USER_HZ: the unit of /proc/PID/stat's CPU times on Linux. */
const CLOCK_TICKS = 100;
const READY_LINE = /^KubeDesk UI on (http:\/\/127\.0\.0\.1:\d+)\/#code=([A-Za-z0-9_-]+)$/m;

/** Forward targets in the demo's `shop` namespace (docs/demo-cluster.md), used in turn. */
const TARGETS: ReadonlyArray<Pick<ForwardSpecInput, 'target' | 'ports'>> = [
  { target: 'svc/web', ports: [':80'] },
  { target: 'svc/api', ports: [':80', ':9090'] },
  { target: 'svc/echo', ports: [':9000'] },
  { target: 'deploy/web', ports: [':8080'] },
];

/** Starts a process and resolves with the first match of `re` in its stdout. */
async function startUntil(args: string[], env: NodeJS.ProcessEnv, re: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = re.exec(out);
      if (m) resolve(m);
    });
    child.on('exit', (code) => reject(new Error(`${args.slice(1, 2).join(' ')} exited with ${code}: ${err.slice(0, 300)}`)));
  });
  return { child, match };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT');
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The demo's kubeconfig with 49 more clusters and contexts beside `demo`, each its own copy of the demo cluster's entry. */
function fiftyContexts(demoKubeconfig: string, out: string): string[] {
  const config = parse(readFileSync(demoKubeconfig, 'utf8')) as {
    clusters: Array<{ name: string; cluster: unknown }>;
    contexts: Array<{ name: string; context: { cluster: string; user: string; namespace?: string } }>;
  };
  const demo = config.contexts.find((c) => c.name === 'demo')!;
  const cluster = config.clusters.find((c) => c.name === demo.context.cluster)!;
  const names = ['demo'];
  for (let i = 1; i < CONTEXTS; i++) {
    const name = `bench-${String(i).padStart(2, '0')}`;
    config.clusters.push({ name, cluster: cluster.cluster });
    config.contexts.push({ name, context: { ...demo.context, cluster: name } });
    names.push(name);
  }
  // The demo's own demo-basic and demo-cert contexts stay too: 52 in all, 50 of them used.
  writeFileSync(out, stringify(config), { mode: 0o600 });
  return names;
}

/** The browser's side of the serve bridge: invoke, and count what the core pushes. */
class BridgeClient {
  events = 0;
  readonly #ws: WebSocket;
  readonly #pending = new Map<number, (r: Result<unknown>) => void>();
  readonly #listeners = new Set<(msg: BridgeMessage) => void>();
  #next = 1;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as BridgeMessage;
      if (msg.t === 'result') this.#pending.get(msg.id)?.(msg.result);
      else {
        this.events++;
        for (const l of this.#listeners) l(msg);
      }
    });
  }

  static async open(origin: string, code: string): Promise<BridgeClient> {
    const res = await fetch(`${origin}${SESSION_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    if (!res.ok) throw new Error(`launch code refused: HTTP ${res.status}`);
    const { token } = (await res.json()) as { token: string };
    const ws = new WebSocket(`${origin.replace('http:', 'ws:')}${BRIDGE_PATH}`, [BRIDGE_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`], {
      origin,
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new BridgeClient(ws);
  }

  async invoke<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
    const id = this.#next++;
    const result = await new Promise<Result<unknown>>((resolve) => {
      this.#pending.set(id, resolve);
      this.#ws.send(JSON.stringify({ t: 'invoke', id, channel, req }));
    });
    this.#pending.delete(id);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
    return result.value as Res<C>;
  }

  /** Resolves once `done` holds for a pushed event; rejects after `ms`. */
  until(done: (msg: BridgeMessage) => boolean, ms: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      const check = (msg: BridgeMessage): void => {
        if (!done(msg)) return;
        clearTimeout(timer);
        this.#listeners.delete(check);
        resolve();
      };
      this.#listeners.add(check);
    });
  }

  close(): void {
    this.#ws.close();
  }
}

/** Starts the services watch of every namespace; resolves with the rows it holds once live. */
async function watchAll(client: BridgeClient): Promise<number> {
  const names = new Set<string>();
  // The only watch of the session: its events may come before the snapshot that names its id.
  const liveSeen = client.until(
    (msg) => {
      if (msg.t !== 'event' || msg.event !== 'services:changed' || msg.payload.context !== 'demo') return false;
      for (const s of msg.payload.upserted) names.add(`${s.namespace}/${s.name}`);
      for (const r of msg.payload.removed) names.delete(r);
      return msg.payload.sync === 'live';
    },
    LIVE_TIMEOUT_MS,
    'the services watch to be live',
  );
  const snap = await client.invoke('services:watch', { context: 'demo', namespace: null });
  for (const s of snap.items) names.add(`${s.namespace}/${s.name}`);
  if (snap.sync === 'live') void liveSeen.catch(() => {});
  else await liveSeen;
  return names.size;
}

/** Adds FORWARDS forwards, two per context, and waits until every one is Active. */
async function startForwards(client: BridgeClient, contexts: string[]): Promise<ForwardInfo[]> {
  const states = new Map<string, ForwardInfo>();
  const allActive = (): boolean => states.size === FORWARDS && [...states.values()].every((f) => f.state === 'active');
  const active = client.until(
    (msg) => {
      if (msg.t === 'event' && msg.event === 'forward:state-changed' && states.has(msg.payload.id)) states.set(msg.payload.id, msg.payload);
      return allActive();
    },
    LIVE_TIMEOUT_MS,
    `${FORWARDS} forwards to be Active`,
  );
  for (let i = 0; i < FORWARDS; i += 10) {
    const batch = Array.from({ length: 10 }, (_, j) => i + j).map(async (n) => {
      const spec: ForwardSpecInput = { context: contexts[n % contexts.length]!, namespace: 'shop', ...TARGETS[n % TARGETS.length]! };
      const info = await client.invoke('forward:add', { spec });
      if (!states.has(info.id) || info.state === 'active') states.set(info.id, info);
    });
    await Promise.all(batch);
  }
  if (!allActive()) await active;
  else void active.catch(() => {});
  return [...states.values()];
}

/** One round trip through a forward to the demo's TCP echo server. */
async function echoThrough(port: number): Promise<void> {
  const socket = connect({ host: '127.0.0.1', port });
  try {
    const text = await new Promise<string>((resolve, reject) => {
      socket.once('connect', () => socket.write('ping\n'));
      socket.once('data', (d: Buffer) => resolve(d.toString()));
      socket.once('error', reject);
    });
    if (text !== 'ping\n') throw new Error(`echo through 127.0.0.1:${port} answered ${JSON.stringify(text)}`);
  } finally {
    socket.destroy();
  }
}

/** What the bin runs (docs/cli.md): the bundle while no source changed since it was built, else the sources (heavier). */
function cliRuns(): string {
  try {
    const { builtAt, files } = JSON.parse(readFileSync(join(ROOT, 'out/cli/sources.json'), 'utf8')) as { builtAt: number; files: string[] };
    return files.every((f) => (statSync(join(ROOT, f), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) <= builtAt)
      ? 'the bundle (out/cli)'
      : 'the sources (out/cli is stale: npm run build)';
  } catch {
    return 'the sources (no out/cli: npm run build)';
  }
}

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

/** How often the process's main thread (the event loop) has slept and woken (/proc/PID/status). */
function wakeups(pid: number): number {
  return Number(/^voluntary_ctxt_switches:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
}

/** User + system CPU time of a process, in ms (/proc/PID/stat fields 14 and 15). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

export async function benchServe(): Promise<Record<string, number | string>> {
  if (process.platform !== 'linux') return { skipped: 'reads /proc: Linux only' };
  const dir = mkdtempSync(join(tmpdir(), 'kd-serve-bench-'));
  const children: ChildProcess[] = [];
  let client: BridgeClient | undefined;
  try {
    const env = { HOME: dir, KUBECONFIG: '', KUBEDESK_HOME: join(dir, 'home'), KUBEDESK_LOG: '', NO_COLOR: '1' };
    const demo = await startUntil([CLI, 'demo', '--services', String(SERVICES), '--dir', join(dir, 'demo')], env, /^Kubeconfig: (.+)$/m);
    children.push(demo.child);
    const kubeconfig = join(dir, 'kubeconfig');
    const contexts = fiftyContexts(demo.match[1]!, kubeconfig);

    const t0 = performance.now();
    const serve = await startUntil([CLI, 'serve', '--no-open', '--port', '0', '--kubeconfig', kubeconfig], env, READY_LINE);
    children.push(serve.child);
    const pid = serve.child.pid!;
    client = await BridgeClient.open(serve.match[1]!, serve.match[2]!);
    const listed = (await client.invoke('contexts:list', undefined)).contexts;
    const services = await watchAll(client);
    const forwards = await startForwards(client, contexts);
    const echo = forwards.find((f) => f.spec.target === 'svc/echo')!;
    await echoThrough(echo.bindings[0]!.local);
    const readyMs = performance.now() - t0;

    await sleep(SETTLE_MS);
    const rssBefore = rssMb(pid);
    const events0 = client.events;
    const cpu0 = cpuMs(pid);
    const woke0 = wakeups(pid);
    const w0 = performance.now();
    await sleep(IDLE_MS);
    const idleCpu = (100 * (cpuMs(pid) - cpu0)) / (performance.now() - w0);
    const woke = (1000 * (wakeups(pid) - woke0)) / (performance.now() - w0);
    const events = client.events - events0;
    const rss = Math.max(rssBefore, rssMb(pid));
    const still = (await client.invoke('forward:list', undefined)).filter((f) => f.state === 'active').length;

    const met = (ok: boolean): string => (ok ? 'met' : 'missed');
    return {
      'kubedesk runs': cliRuns(),
      'contexts listed': listed.filter((c) => contexts.includes(c.name)).length,
      'services watched (all namespaces), live': services,
      'forwards active': still,
      'serve start to all live s': readyMs / 1000,
      'serve RSS MB': rss,
      [`idle CPU % over ${IDLE_MS / 1000} s`]: idleCpu,
      'idle wake-ups of the event loop per s': woke,
      'bridge events during idle': events,
      'goal RSS < 300 MB': met(rss < 300),
      'goal idle CPU ~0 (< 0.5 %)': met(idleCpu < 0.5),
    };
  } finally {
    client?.close();
    for (const c of children.reverse()) await stop(c);
    rmSync(dir, { recursive: true, force: true });
  }
}
