// `kubedesk serve` (docs/cli.md): the app's UI in a browser, on the same core as the desktop app.
// Prints `KubeDesk UI on http://127.0.0.1:PORT/#code=…` and opens the browser with another
// one-time launch code (a command line is visible in `ps`; the session token never is).
import { KubeDeskError } from '../../core/errors.ts';
import { cliAppCore } from '../cli-core.ts';
import { cliLogger } from '../cli-logger.ts';
import { stringOption, untilAborted, writeLine, type Command } from '../command.ts';
import { KUBECONFIG_OPTIONS } from '../kubeconfig-option.ts';
import { canOpenBrowser, openInBrowser } from '../open-browser.ts';
import { portOption } from '../options.ts';

/** Lifetime of the one-time code in the printed `KubeDesk UI on …` link. */
const PRINTED_CODE_TTL_MS = 12 * 60 * 60 * 1000;

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
    const port = portOption(stringOption(run.values, 'port'), 'port', 0);
    const address = stringOption(run.values, 'address') ?? '127.0.0.1';
    if (!['127.0.0.1', '::1', 'localhost'].includes(address)) {
      throw new KubeDeskError('invalid-input', `--address: serve mode listens on loopback only (127.0.0.1 or ::1), not ${address}`);
    }
    const log = cliLogger(run);
    const core = await cliAppCore(run, log);
    try {
      // --demo: the built-in demo cluster runs in this process, as the app's "Start the demo"
      // runs it: its `demo` context is current, the user's own contexts are still listed after it.
      if (run.values['demo']) await core.demo.start();
      const { startServeServer } = await import('../../serve/serve-server.ts');
      const server = await startServeServer({ core, log, port, address: address === 'localhost' ? '127.0.0.1' : address });
      // The printed link is seen only on the user's terminal: it stays good (once) for a working
      // day, while the code on the browser's command line (visible in `ps`) lives two minutes.
      writeLine(run.io.stdout, `KubeDesk UI on ${server.launchUrl(PRINTED_CODE_TTL_MS)}`);
      if (!run.values['no-open'] && canOpenBrowser(run.io.env)) {
        await openInBrowser(server.launchUrl()).catch(() => writeLine(run.io.stderr, 'Could not open a browser; open the URL above.'));
      }
      await untilAborted(run.signal);
      await server.dispose();
    } finally {
      await core.dispose();
    }
    return 0;
  },
};
