import { contextsSnapshot } from '../../core/kubeconfig/contexts-snapshot.ts';
import { silentLogger } from '../../core/log.ts';
import { writeLine, type Command } from '../command.ts';
import { createCliCore } from '../cli-core.ts';
import { KUBECONFIG_OPTIONS } from '../kubeconfig-option.ts';
import { formatTable } from '../table.ts';

export const contextsCommand: Command = {
  name: 'contexts',
  summary: 'list every context known (kubeconfig files + imported)',
  usage: 'contexts [--json] [--kubeconfig PATH]',
  options: { ...KUBECONFIG_OPTIONS, json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run(run) {
    const access = createCliCore(run, silentLogger);
    try {
      // Listing needs no secret: the keychain is not touched (docs/cli.md, contexts; as kubectl config get-contexts).
      const snap = await contextsSnapshot(await access.connections.load(), {
        rule: 'kubectl',
        execEnv: run.io.env,
        storeFile: access.imported.store.file,
      });
      const contexts = snap.contexts;
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
      // kubectl config get-contexts lists a context whose user, cluster or exec plugin is missing
      // and fails only when it is used (client-go/tools/clientcmd/validation.go runs on use), so a
      // context's problem is a warning here; a file that cannot be loaded fails, as kubectl's
      // `error loading config file` does (docs/kubeconfig.md).
      const seen = new Set<string>();
      let errors = 0;
      for (const p of snap.problems) {
        const contextual = p.context !== undefined && p.field !== undefined;
        const warning = p.level === 'warning' || contextual;
        const line = contextual
          ? `warning: ${p.file}: context "${p.context}": ${p.field}: ${p.reason ?? p.message}`
          : `${warning ? 'warning' : 'error'}: ${p.message}`;
        if (seen.has(line)) continue;
        seen.add(line);
        if (!warning) errors += 1;
        writeLine(run.io.stderr, line);
      }
      if (errors > 0) return 1;
      if (contexts.length === 0 && !run.values['json']) writeLine(run.io.stderr, `No contexts found in ${snap.files.join(', ')}`);
      return 0;
    } finally {
      await access.dispose();
    }
  },
};
