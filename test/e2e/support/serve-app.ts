// Starts `kubedesk serve` as a real process, as a user would. The ready line carries a one-time
// launch code; this helper trades it for the session token (POST /session, as the page does) and
// gives every `url` read a fresh launch code, so each new page goes through the page's own code
// exchange in Chromium.
import { startCli, type LongRunning } from '../../support/run-cli.ts';

export interface ServedApp {
  /** The UI with a fresh one-time launch code (`#code=…`) on every read. */
  readonly url: string;
  origin: string;
  port: number;
  /** The session token (what the page holds after trading a code). */
  token: string;
  process: LongRunning;
}

export const READY_LINE = /^KubeDesk UI on (http:\/\/127\.0\.0\.1:(\d+))\/#code=([A-Za-z0-9_-]{43})$/;

async function post(url: string, init: { headers?: Record<string, string>; body?: string }): Promise<Response> {
  return fetch(url, { method: 'POST', ...init });
}

/** Trades a launch code for the session token; throws when refused (used, expired, unknown). */
export async function tradeLaunchCode(origin: string, code: string): Promise<string> {
  const res = await post(`${origin}/session`, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
  if (!res.ok) throw new Error(`launch code refused: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** A new launch code from a session token holder. */
export async function newLaunchCode(origin: string, token: string): Promise<string> {
  const res = await post(`${origin}/session/launch-code`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`launch code not issued: HTTP ${res.status}`);
  return ((await res.json()) as { code: string }).code;
}

export async function serveApp(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServedApp> {
  const proc = startCli(['serve', '--no-open', '--port', '0', ...args], { env });
  const m = await proc.waitForLine(READY_LINE, 30_000);
  const origin = m[1]!;
  const token = await tradeLaunchCode(origin, m[3]!);
  // A getter cannot await, so codes are minted ahead: a small pool, topped up after each read and
  // renewed while it sits (a code lives two minutes).
  let pool: Array<{ code: string; at: number }> = [];
  const FRESH_MS = 60_000;
  const topUp = async (): Promise<void> => {
    pool = pool.filter((c) => Date.now() - c.at < FRESH_MS);
    while (pool.length < 3) pool.push({ code: await newLaunchCode(origin, token), at: Date.now() });
  };
  await topUp();
  const renew = setInterval(() => void topUp().catch(() => {}), 20_000).unref();
  proc.child.on('close', () => clearInterval(renew));
  return {
    get url() {
      const next = pool.shift();
      if (next === undefined || Date.now() - next.at >= 2 * FRESH_MS) throw new Error('serveApp: no fresh launch code ready');
      void topUp().catch(() => {});
      return `${origin}/#code=${next.code}`;
    },
    origin,
    port: Number(m[2]),
    token,
    process: proc,
  };
}
