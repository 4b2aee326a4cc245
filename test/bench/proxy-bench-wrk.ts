// The proxy bench's rounds with `wrk` (a load generator in C) as the client, where it is
// installed (docs/proxy.md, Performance). The bench's own Node client spends about as much CPU
// per request as either proxy, on the same two cores, and ~0.15 ms of latency on each request:
// that pulls every ratio towards 1, requests/s at 32 clients and p50 at one client alike.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { cpuMs } from './process-cpu.ts';
import { median } from './median.ts';

const PATH = '/api/v1/namespaces/shop/pods';

interface WrkTarget {
  url: string;
  headers?: string[];
}

interface Proxy {
  port: number;
  child: ChildProcess;
}

/** `wrk`'s answer for one round: requests done, req/s and p50 in ms; undefined where wrk is not installed. */
function wrk(target: WrkTarget, connections: number, seconds: number): { requests: number; rps: number; p50Ms: number } | undefined {
  const headers = (target.headers ?? []).flatMap((h) => ['-H', h]);
  let out: string;
  try {
    out = execFileSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', ...headers, `${target.url}${PATH}`], {
      encoding: 'utf8',
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const field = (re: RegExp): string => re.exec(out)?.[1] ?? 'NaN';
  const [, value = 'NaN', unit = 'ms'] = /\s50%\s+([\d.]+)(us|ms|s)/.exec(out) ?? [];
  const p50Ms = Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
  if (/Non-2xx/.test(out)) throw new Error(`wrk: non-2xx answers from ${target.url}`);
  return { requests: Number(field(/(\d+) requests in/)), rps: Number(field(/Requests\/sec:\s+([\d.]+)/)), p50Ms };
}

const local = (p: Proxy): WrkTarget => ({ url: `http://127.0.0.1:${p.port}` });

/**
 * The 32-client rounds with `wrk`, interleaved, one ratio per round (the goal is ≥ 1.5× in every
 * round), and each proxy's and the apiserver's CPU per request meanwhile.
 */
function manyClients(demo: ChildProcess, kubectl: Proxy, kubedesk: Proxy, rounds: number, seconds: number): Record<string, string> {
  const got: { kubectl: number; kubedesk: number; p50: number }[] = [];
  const us = { kubectl: [0, 0, 0], kubedesk: [0, 0, 0] };
  for (let round = 0; round < rounds; round++) {
    const r: Record<string, { rps: number; p50Ms: number }> = {};
    const order = round % 2 ? (['kubedesk', 'kubectl'] as const) : (['kubectl', 'kubedesk'] as const);
    for (const name of order) {
      const proxy = name === 'kubectl' ? kubectl : kubedesk;
      const cpu0 = [cpuMs(proxy.child.pid), cpuMs(demo.pid)];
      const one = wrk(local(proxy), 32, seconds)!;
      us[name][0]! += cpuMs(proxy.child.pid) - cpu0[0]!;
      us[name][1]! += cpuMs(demo.pid) - cpu0[1]!;
      us[name][2]! += one.requests;
      r[name] = one;
    }
    got.push({ kubectl: r['kubectl']!.rps, kubedesk: r['kubedesk']!.rps, p50: r['kubedesk']!.p50Ms / r['kubectl']!.p50Ms });
  }
  const ratios = got.map((r) => r.kubedesk / r.kubectl);
  const perReq = (name: 'kubectl' | 'kubedesk'): string =>
    `${Math.round((us[name][0]! * 1000) / us[name][2]!)}, ${Math.round((us[name][1]! * 1000) / us[name][2]!)}`;
  return {
    'wrk, 32 clients: kubectl, kubedesk req/s': got.map((r) => `${Math.round(r.kubectl)}/${Math.round(r.kubedesk)}`).join(' '),
    'wrk: kubedesk/kubectl req/s, each round': ratios.map((r) => r.toFixed(2)).join(' '),
    'wrk: kubedesk/kubectl p50, each round': got.map((r) => r.p50.toFixed(2)).join(' '),
    'wrk: CPU us/req kubectl proxy, apiserver': perReq('kubectl'),
    'wrk: CPU us/req kubedesk proxy, apiserver': perReq('kubedesk'),
    'goal (wrk) req/s >= 1.5x kubectl, every round': ratios.every((r) => r >= 1.5) ? 'met' : 'missed',
  };
}

/**
 * One client (`wrk -c1`): the latency a single kubectl or browser sees, direct to the apiserver
 * (HTTPS, the demo's token) and through each proxy, interleaved with the order rotated each round;
 * the goals are judged on the median of the rounds' p50s.
 */
function oneClient(direct: WrkTarget, kubectl: Proxy, kubedesk: Proxy, rounds: number, seconds: number): Record<string, string> {
  const targets = [
    ['direct', direct],
    ['kubectl', local(kubectl)],
    ['kubedesk', local(kubedesk)],
  ] as const;
  const p50 = { direct: [] as number[], kubectl: [] as number[], kubedesk: [] as number[] };
  for (const [, t] of targets) wrk(t, 1, 1);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < targets.length; i++) {
      const [name, t] = targets[(i + round) % targets.length]!;
      p50[name].push(wrk(t, 1, seconds)!.p50Ms);
    }
  }
  const ms = (xs: number[]): string => xs.map((x) => x.toFixed(3)).join(' ');
  const ratio = median(p50.kubedesk) / median(p50.kubectl);
  const added = median(p50.kubedesk) - median(p50.direct);
  return {
    'wrk, 1 client: direct p50 ms, each round': ms(p50.direct),
    'wrk, 1 client: kubectl p50 ms, each round': ms(p50.kubectl),
    'wrk, 1 client: kubedesk p50 ms, each round': ms(p50.kubedesk),
    'wrk, 1 client: kubedesk/kubectl p50, each round': p50.kubedesk.map((x, i) => (x / p50.kubectl[i]!).toFixed(2)).join(' '),
    'wrk, 1 client: kubedesk/kubectl p50 (medians)': ratio.toFixed(3),
    'wrk, 1 client: added over direct ms, kubectl, kubedesk (medians)': `${(median(p50.kubectl) - median(p50.direct)).toFixed(3)}, ${added.toFixed(3)}`,
    'goal (wrk) 1 client: p50 <= 0.9x kubectl': ratio <= 0.9 ? 'met' : 'missed',
    'goal (wrk) 1 client: added over direct <= 0.2 ms': added <= 0.2 ? 'met' : 'missed',
  };
}

/** Both sets of `wrk` rounds, or one line saying wrk is not installed. */
export function wrkRounds(
  demo: { child: ChildProcess; url: string; token: string },
  kubectl: Proxy,
  kubedesk: Proxy,
  rounds: number,
  seconds: number,
): Record<string, string> {
  if (!wrk(local(kubectl), 32, 1)) return { wrk: 'not installed (apt-get install wrk)' };
  wrk(local(kubedesk), 32, 1);
  // wrk does not check the apiserver's certificate: the direct rounds are a baseline, not a client.
  const direct = { url: demo.url, headers: [`Authorization: Bearer ${demo.token}`] };
  return { ...manyClients(demo.child, kubectl, kubedesk, rounds, seconds), ...oneClient(direct, kubectl, kubedesk, rounds, seconds) };
}
