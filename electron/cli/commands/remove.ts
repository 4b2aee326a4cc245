// `kubedesk remove CONTEXT` (docs/cli.md): removes an imported context and its keychain entries.
import { KubeDeskError } from '../../core/errors.ts';
import { writeLine, type Command } from '../command.ts';
import { cliLogger } from '../cli-logger.ts';
import { createCliCore } from '../cli-core.ts';

export const removeCommand: Command = {
  name: 'remove',
  summary: 'remove an imported context and its keychain entries',
  usage: 'remove CONTEXT',
  options: { verbose: { type: 'boolean', short: 'v' } },
  positionals: { min: 1, max: 1 },
  async run(run) {
    const name = run.positionals[0]!;
    const cli = createCliCore(run, cliLogger(run));
    try {
      const { doc, problem } = await cli.imported.read();
      if (!doc.contexts.some((c) => c.name === name)) {
        throw new KubeDeskError(
          'not-found',
          problem ?? `context "${name}" is not imported (see kubedesk contexts; kubeconfig contexts are edited with kubectl config)`,
        );
      }
      await cli.imported.remove(name);
      writeLine(run.io.stdout, `Removed context ${name}`);
      return 0;
    } finally {
      await cli.dispose();
    }
  },
};
