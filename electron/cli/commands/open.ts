// `kubedesk open [--context NAME] [-n NS] SERVICE[:PORT] [--via api-proxy|port-forward] [--no-browser]`
// (docs/cli.md, docs/service-gateway.md): starts the service's gateway, an origin of its own serving
// only that service at `/` (through the apiserver's service proxy, or a port-forward of its own), prints `Opened http://127.0.0.1:PORT/ (NS/SERVICE:PORT)`, opens it in the
// default browser, and runs like `kubedesk proxy` until SIGINT/SIGTERM. It never idles out: the
// terminal that started it is what keeps it, and Ctrl-C what stops it.
import { KubeDeskError } from '../../core/errors.ts';
import { ForwardManager } from '../../core/forward/forward-manager.ts';
import type { ForwardStore } from '../../core/forward/forward-store.ts';
import { parseServiceRef } from '../../core/services/proxy-url.ts';
import { gatewayForwards } from '../../core/services/gateway/gateway-forwards.ts';
import { GatewayManager } from '../../core/services/gateway/gateway-manager.ts';
import { cliLogger } from '../cli-logger.ts';
import { CONTEXT_OPTIONS, contextOption, createCliCore } from '../cli-core.ts';
import { stringOption, untilAborted, UsageError, writeLine, type Command } from '../command.ts';
import { canOpenBrowser, openInBrowser } from '../open-browser.ts';

const VIAS = ['api-proxy', 'port-forward'] as const;

/** The command's one forward lives as long as it does: never written to the app's forwards.json. */
const unsavedForwards: ForwardStore = { load: async () => [], save: async () => {} };

function viaOption(value: string | undefined): (typeof VIAS)[number] {
  if (value === undefined) return 'api-proxy';
  const via = VIAS.find((v) => v === value);
  if (!via) throw new UsageError(`--via: '${value}' is not one of: ${VIAS.join(', ')}`);
  return via;
}

export const openCommand: Command = {
  name: 'open',
  summary: 'serve a service on a local origin of its own and open it in the browser',
  usage: 'open [--context NAME] [-n NS] [https:]SERVICE[:PORT] [--via api-proxy|port-forward] [--no-browser]',
  options: {
    ...CONTEXT_OPTIONS,
    namespace: { type: 'string', short: 'n' },
    via: { type: 'string' },
    'no-browser': { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
  },
  positionals: { min: 1, max: 1 },
  async run(run) {
    const [service] = run.positionals as [string];
    try {
      parseServiceRef(service);
    } catch (err) {
      if (err instanceof KubeDeskError) throw new UsageError(err.message);
      throw err;
    }
    const via = viaOption(stringOption(run.values, 'via'));
    const log = cliLogger(run);
    const cli = createCliCore(run, log);
    const forwards =
      via === 'port-forward' ? new ForwardManager({ connect: cli.connections.connect, store: unsavedForwards, log }) : undefined;
    const gateways = new GatewayManager({
      connect: cli.connections.connect,
      log,
      home: cli.home,
      idleTimeoutMs: 0,
      forwards: forwards && gatewayForwards(forwards),
    });
    try {
      const info = await gateways.open(
        { context: contextOption(run) ?? '', namespace: stringOption(run.values, 'namespace') ?? '', service, via },
        run.signal,
      );
      writeLine(run.io.stdout, `Opened ${info.url} (${info.namespace}/${info.service}:${info.port})`);
      if (!run.values['no-browser'] && canOpenBrowser(run.io.env)) {
        await openInBrowser(info.url).catch(() => writeLine(run.io.stderr, 'Could not open a browser; open the URL above.'));
      }
      await untilAborted(run.signal);
    } finally {
      await gateways.dispose();
      await forwards?.dispose();
      await cli.dispose();
    }
    return 0;
  },
};
