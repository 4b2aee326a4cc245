// Starts `kubedesk serve` as a real process, as a user would, and returns its URL.
import { startCli, type LongRunning } from '../../support/run-cli.ts';

export interface ServedApp {
  url: string;
  origin: string;
  port: number;
  token: string;
  process: LongRunning;
}

export async function serveApp(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServedApp> {
  const proc = startCli(['serve', '--no-open', '--port', '0', ...args], { env });
  const m = await proc.waitForLine(/^KubeDesk UI on (http:\/\/127\.0\.0\.1:(\d+))\/#token=([A-Za-z0-9_-]{43})$/, 30_000);
  return { url: `${m[1]}/#token=${m[3]}`, origin: m[1]!, port: Number(m[2]), token: m[3]!, process: proc };
}
