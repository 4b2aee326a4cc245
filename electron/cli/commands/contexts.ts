import { loadKubeconfig } from '../../core/kubeconfig/load-kubeconfig.ts';
import { contextSummaries } from '../../core/kubeconfig/context-summaries.ts';
import { writeLine, type Command } from '../command.ts';
import { KUBECONFIG_OPTIONS, sourcesFor } from '../kubeconfig-option.ts';
import { formatTable } from '../table.ts';

export const contextsCommand: Command = {
  name: 'contexts',
  summary: 'list every context known (kubeconfig files + imported)',
  usage: 'contexts [--json] [--kubeconfig PATH]',
  options: { ...KUBECONFIG_OPTIONS, json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run(run) {
    const { merged, problems } = await loadKubeconfig(sourcesFor(run));
    const contexts = contextSummaries(merged);
    if (run.values['json']) {
      writeLine(run.io.stdout, JSON.stringify(contexts, null, 2));
    } else if (contexts.length > 0) {
      run.io.stdout.write(
        formatTable(
          ['CURRENT', 'NAME', 'CLUSTER', 'SERVER', 'USER', 'NAMESPACE', 'AUTH', 'SOURCE'],
          contexts.map((c) => [c.current ? '*' : '', c.name, c.cluster, c.server, c.user, c.namespace, c.authKind, c.source]),
        ),
      );
    }
    // One bad file never hides the others' contexts, but it is still an error (exit 1).
    for (const p of problems) writeLine(run.io.stderr, `error: ${p.message}`);
    if (problems.length > 0) return 1;
    if (contexts.length === 0 && !run.values['json']) writeLine(run.io.stderr, `No contexts found in ${merged.files.join(', ')}`);
    return 0;
  },
};
