// `kubedesk topology [--context NAME] [-n NS | -A] [--json]` (docs/cli.md, docs/topology.md): the
// "So Many Proxies" model of a context: every hop from this laptop to the pods. The CLI runs no
// proxy, forward or gateway of its own, so only the cluster's hops and the API proxy to start appear.
import { currentTopology } from '../../core/topology/topology-service.ts';
import { formatTopology } from '../../core/topology/topology-text.ts';
import { stringOption, UsageError, writeLine, type Command } from '../command.ts';
import { cliLogger } from '../cli-logger.ts';
import { createCliCore, CONTEXT_OPTIONS, contextOption } from '../cli-core.ts';

export const topologyCommand: Command = {
  name: 'topology',
  summary: 'every proxy on the path from this laptop to the pods ("So Many Proxies")',
  usage: 'topology [--context NAME] [-n NS | -A] [--json]',
  options: {
    ...CONTEXT_OPTIONS,
    namespace: { type: 'string', short: 'n' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    json: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  async run(run) {
    const all = Boolean(run.values['all-namespaces']);
    const ns = stringOption(run.values, 'namespace');
    if (all && ns) throw new UsageError('-n and -A cannot be used together');
    const cli = createCliCore(run, cliLogger(run));
    try {
      // Neither flag: the context's namespace, as kubectl picks it.
      const topology = await currentTopology(
        { connect: cli.connections.connect, proxies: () => [], forwards: () => [], gateways: () => [] },
        contextOption(run),
        all ? null : ns,
        run.signal,
      );
      if (run.values['json']) writeLine(run.io.stdout, JSON.stringify(topology, null, 2));
      else for (const l of formatTopology(topology)) writeLine(run.io.stdout, l);
      return 0;
    } finally {
      await cli.dispose();
    }
  },
};
