// `kubedesk demo [--port 0] [--dir DIR] [--services N]`: starts the built-in demo cluster
// (CLI.md), writes DIR/kubeconfig (a fresh temp dir, removed on exit, when --dir is absent) and
// runs until SIGINT/SIGTERM. Chaos flags: `--latency MS`, `--restart-every SECONDS` (restarts
// the oldest pod of `--restart-target NS/DEPLOYMENT`, default shop/web).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDemoCluster, DEMO_WEB } from '../../core/demo/demo-cluster.ts';
import { stringOption, untilAborted, UsageError, writeLine, type Command } from '../command.ts';
import { cliLogger } from '../cli-logger.ts';

function intOption(value: string | undefined, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new UsageError(`--${flag}: '${value}' is not a whole number between 0 and ${max}`);
  return Number(value);
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'starts the built-in demo cluster (a local Kubernetes API server) and writes its kubeconfig',
  usage: 'demo [--port 0] [--dir DIR] [--services N]',
  options: {
    port: { type: 'string', short: 'p' },
    dir: { type: 'string' },
    services: { type: 'string' },
    latency: { type: 'string' },
    'restart-every': { type: 'string' },
    'restart-target': { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
  },
  positionals: { min: 0, max: 0 },
  async run(run) {
    const port = intOption(stringOption(run.values, 'port'), 'port', 0, 65535);
    const services = intOption(stringOption(run.values, 'services'), 'services', 0, 100_000);
    const latencyMs = intOption(stringOption(run.values, 'latency'), 'latency', 0, 60_000);
    const restartEvery = intOption(stringOption(run.values, 'restart-every'), 'restart-every', 0, 86_400);
    const target = stringOption(run.values, 'restart-target') ?? `${DEMO_WEB.namespace}/${DEMO_WEB.name}`;
    const m = /^([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(target);
    if (!m) throw new UsageError(`--restart-target: '${target}' is not NAMESPACE/DEPLOYMENT`);
    const dirOption = stringOption(run.values, 'dir');
    const dir = dirOption !== undefined ? resolve(run.io.cwd, dirOption) : await mkdtemp(join(tmpdir(), 'kubedesk-demo-'));
    const log = cliLogger(run);
    const cluster = await startDemoCluster({ port, services, latencyMs, log });
    let timer: NodeJS.Timeout | undefined;
    try {
      const path = await cluster.writeKubeconfig(dir);
      writeLine(run.io.stdout, `Demo cluster serving on ${cluster.url}`);
      writeLine(run.io.stdout, `Kubeconfig: ${path}`);
      if (restartEvery > 0) {
        timer = setInterval(() => {
          cluster.chaos.restartDeploymentPod(m[1]!, m[2]!).then(
            (r) => writeLine(run.io.stderr, `Restarted pod ${m[1]!}/${r.oldName}; replaced by ${r.newName}`),
            (err: unknown) =>
              writeLine(run.io.stderr, `Could not restart a pod of ${target}: ${err instanceof Error ? err.message : String(err)}`),
          );
        }, restartEvery * 1000);
      }
      await untilAborted(run.signal);
    } finally {
      clearInterval(timer);
      await cluster.dispose();
      // The kubeconfig holds the demo's secrets: a temp dir we made does not outlive us.
      if (dirOption === undefined) await rm(dir, { recursive: true, force: true });
    }
    return 0;
  },
};
