// `kubedesk cluster-info [--context NAME] [-n NS] [--json]` (docs/cli.md; kubectl/pkg/cmd/clusterinfo/clusterinfo.go):
// the control plane's URL and the cluster services' URLs in kubectl's lines, coloured only on a TTY without NO_COLOR.
import { CLUSTER_INFO_HINT, clusterInfo, formatClusterInfo } from '../../core/services/cluster-info.ts';
import { stringOption, writeLine, type Command } from '../command.ts';
import { cliLogger } from '../cli-logger.ts';
import { createCliCore, CONTEXT_OPTIONS, contextOption } from '../cli-core.ts';

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  summary: "the control plane's and the cluster services' URLs (kubectl cluster-info)",
  usage: 'cluster-info [--context NAME] [-n NS] [--json]',
  options: { ...CONTEXT_OPTIONS, namespace: { type: 'string', short: 'n' }, json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run(run) {
    // kubectl looks in kube-system unless -n says otherwise (the context's namespace plays no part).
    const namespace = stringOption(run.values, 'namespace') || 'kube-system';
    const json = Boolean(run.values['json']);
    const cli = createCliCore(run, cliLogger(run));
    try {
      const conn = await cli.connections.connect(contextOption(run), run.signal);
      try {
        const info = await clusterInfo(conn, namespace, run.signal).catch((err: unknown) => {
          // kubectl prints its closing hint even when the list failed, the error after it.
          if (!json) run.io.stdout.write(`\n${CLUSTER_INFO_HINT}\n`);
          throw err;
        });
        if (json) {
          writeLine(run.io.stdout, JSON.stringify(info, null, 2));
          return 0;
        }
        for (const line of formatClusterInfo(info, run.io.color)) writeLine(run.io.stdout, line);
        return 0;
      } finally {
        conn.dispose();
      }
    } finally {
      await cli.dispose();
    }
  },
};
