import { createCore } from '../../core/core.ts';
import { KeytarSecretStore } from '../../core/credentials/keytar-secret-store.ts';
import { kubedeskHomeFor } from '../cluster-access.ts';
import { KubeDeskError } from '../../core/errors.ts';
import { stringOption, untilAborted, UsageError, writeLine, type Command } from '../command.ts';
import { KUBECONFIG_OPTIONS, sourcesFor } from '../kubeconfig-option.ts';
import { cliLogger } from '../cli-logger.ts';
import { canOpenBrowser, openInBrowser } from '../open-browser.ts';
import { startServeServer } from '../../serve/serve-server.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster, type DemoCluster } from '../../core/demo/demo-cluster.ts';

export function parsePort(value: string | undefined, fallback: number, flag = 'port'): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--${flag}: '${value}' is not a port number (0-65535)`);
  return Number(value);
}

export const serveCommand: Command = {
  name: 'serve',
  summary: "the app's UI in a browser, on the same core",
  usage: 'serve [--port 0] [--address 127.0.0.1] [--demo] [--no-open]',
  options: {
    ...KUBECONFIG_OPTIONS,
    port: { type: 'string', short: 'p' },
    address: { type: 'string' },
    'no-open': { type: 'boolean' },
    demo: { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
  },
  positionals: { min: 0, max: 0 },
  async run(run) {
    const port = parsePort(stringOption(run.values, 'port'), 0);
    const address = stringOption(run.values, 'address') ?? '127.0.0.1';
    if (!['127.0.0.1', '::1', 'localhost'].includes(address)) {
      throw new KubeDeskError('invalid-input', `--address: serve mode listens on loopback only (127.0.0.1 or ::1), not ${address}`);
    }
    const log = cliLogger(run);
    let sources = sourcesFor(run);
    // --demo: the built-in demo cluster runs in this process; its kubeconfig comes first, so its
    // `demo` context is current, and the user's own contexts are still listed after it.
    let demo: DemoCluster | undefined;
    let demoDir: string | undefined;
    if (run.values['demo']) {
      demo = await startDemoCluster({ log });
      demoDir = await mkdtemp(join(tmpdir(), 'kubedesk-demo-'));
      const file = await demo.writeKubeconfig(demoDir);
      sources = { files: [file, ...sources.files], mustExist: false, origin: 'env' };
    }
    const core = createCore({ sources, log, host: 'browser', secrets: new KeytarSecretStore(), home: kubedeskHomeFor(run) });
    try {
      const server = await startServeServer({ core, log, port, address: address === 'localhost' ? '127.0.0.1' : address });
      writeLine(run.io.stdout, `KubeDesk UI on ${server.url}`);
      if (!run.values['no-open'] && canOpenBrowser(run.io.env)) {
        await openInBrowser(server.url).catch(() => writeLine(run.io.stderr, 'Could not open a browser; open the URL above.'));
      }
      await untilAborted(run.signal);
      await server.dispose();
    } finally {
      await core.dispose();
      await demo?.dispose();
      if (demoDir) await rm(demoDir, { recursive: true, force: true });
    }
    return 0;
  },
};
