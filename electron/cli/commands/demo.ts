// `kubedesk demo [--port 0] [--dir DIR] [--services N]` (docs/cli.md, docs/demo-cluster.md):
// starts the built-in demo cluster (the CLI core's DemoService), writes DIR/kubeconfig (a fresh temp
// dir, removed on exit, when --dir is absent) and runs until SIGINT/SIGTERM. Chaos flags:
// `--latency MS`, `--restart-every SECONDS` (restarts the oldest pod of `--restart-target
// NS/DEPLOYMENT`, default shop/web).
import { resolve } from 'node:path';
import { DEMO_WEB } from '../../core/demo/demo-names.ts';
import { stringOption, untilAborted, UsageError, writeLine, type Command } from '../command.ts';
import { createCliCore } from '../cli-core.ts';
import { cliLogger } from '../cli-logger.ts';
import { portOption, wholeNumberOption } from '../options.ts';

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
    const port = portOption(stringOption(run.values, 'port'), 'port', 0);
    const services = wholeNumberOption(stringOption(run.values, 'services'), 'services', 0, 100_000);
    const latencyMs = wholeNumberOption(stringOption(run.values, 'latency'), 'latency', 0, 60_000);
    const restartEvery = wholeNumberOption(stringOption(run.values, 'restart-every'), 'restart-every', 0, 86_400);
    const target = stringOption(run.values, 'restart-target') ?? `${DEMO_WEB.namespace}/${DEMO_WEB.name}`;
    const m = /^([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(target);
    if (!m) throw new UsageError(`--restart-target: '${target}' is not NAMESPACE/DEPLOYMENT`);
    const dirOption = stringOption(run.values, 'dir');
    const cli = createCliCore(run, cliLogger(run));
    try {
      const [namespace, deployment] = [m[1]!, m[2]!];
      const running = await cli.demo.start({
        port,
        services,
        latencyMs,
        dir: dirOption === undefined ? undefined : resolve(run.io.cwd, dirOption),
        restart:
          restartEvery > 0
            ? {
                everyMs: restartEvery * 1000,
                namespace,
                deployment,
                onRestart: (r) => writeLine(run.io.stderr, `Restarted pod ${namespace}/${r.oldName}; replaced by ${r.newName}`),
                onError: (err) =>
                  writeLine(run.io.stderr, `Could not restart a pod of ${target}: ${err instanceof Error ? err.message : String(err)}`),
              }
            : undefined,
      });
      writeLine(run.io.stdout, `Demo cluster serving on ${running.url}`);
      writeLine(run.io.stdout, `Kubeconfig: ${running.kubeconfig}`);
      await untilAborted(run.signal);
    } finally {
      await cli.dispose();
    }
    return 0;
  },
};
