// `kubedesk export-kubeconfig [--context NAME]… [-o FILE]` (docs/cli.md): a kubeconfig for imported
// contexts that kubectl uses as it is; their users call `kubedesk credential`, so no secret is
// written anywhere (core/kubeconfig/export-kubeconfig.ts builds it).
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { KubeDeskError } from '../../core/errors.ts';
import { exportKubeconfig } from '../../core/kubeconfig/export-kubeconfig.ts';
import { writeFileAtomic } from '../../core/store/atomic-write.ts';
import { resolveKubedeskHome } from '../../core/store/kubedesk-home.ts';
import { stringOption, writeLine, type Command, type CommandRun } from '../command.ts';
import { cliLogger } from '../cli-logger.ts';
import { createCliCore } from '../cli-core.ts';
import { kubedeskEntry } from '../kubedesk-entry.ts';

/** KUBEDESK_HOME for the exec entries, only when it is not the default one (docs/cli.md). */
function homeEnv(run: CommandRun, home: string): Array<{ name: string; value: string }> {
  const { KUBEDESK_HOME: _, ...env } = run.io.env;
  const userHome = run.io.env['HOME'] ?? run.io.env['USERPROFILE'];
  const byDefault = resolveKubedeskHome({ env, cwd: run.io.cwd, ...(userHome ? { home: userHome } : {}) });
  return home === byDefault ? [] : [{ name: 'KUBEDESK_HOME', value: home }];
}

export const exportKubeconfigCommand: Command = {
  name: 'export-kubeconfig',
  summary: 'a kubeconfig for imported contexts, whose users call `kubedesk credential` (no secrets)',
  usage: 'export-kubeconfig [--context NAME]… [-o FILE]',
  options: { context: { type: 'string', multiple: true }, output: { type: 'string', short: 'o' } },
  positionals: { min: 0, max: 0 },
  async run(run) {
    const cli = createCliCore(run, cliLogger(run));
    try {
      const { doc, problem } = await cli.imported.read();
      if (problem) throw new KubeDeskError('invalid-input', problem);
      const { config, warnings } = exportKubeconfig(doc, {
        contexts: run.values['context'] as string[] | undefined,
        entry: kubedeskEntry(run.io.env),
        env: homeEnv(run, cli.home),
      });
      const text = stringify(config);
      const file = stringOption(run.values, 'output');
      // A new file or a replaced one: mode 0600 either way (it names the keychain entries).
      if (file !== undefined) await writeFileAtomic(resolve(run.io.cwd, file), text, { mode: 0o600 });
      else run.io.stdout.write(text);
      for (const w of warnings) writeLine(run.io.stderr, `warning: ${w}`);
      return 0;
    } finally {
      await cli.dispose();
    }
  },
};
