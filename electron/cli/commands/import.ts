// `kubedesk import FILE|- [--context NAME]…` (docs/cli.md): copies contexts into the app store, their
// secrets into the OS keychain. All or nothing: on any error, exit 1 and nothing changed.
import { resolve, dirname } from 'node:path';
import { KubeDeskError } from '../../core/errors.ts';
import { importCandidates } from '../../core/kubeconfig/import-candidates.ts';
import { readKubeconfigText } from '../../core/kubeconfig/load-kubeconfig.ts';
import { MAX_KUBECONFIG_BYTES } from '../../core/kubeconfig/parse-kubeconfig.ts';
import { writeLine, type Command, type CommandRun } from '../command.ts';
import { cliLogger } from '../cli-logger.ts';
import { createCliCore } from '../cli-core.ts';
import { KUBECONFIG_OPTIONS } from '../kubeconfig-option.ts';

async function readStdin(run: CommandRun): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of run.io.stdin) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > MAX_KUBECONFIG_BYTES)
      throw new KubeDeskError('invalid-input', `<stdin>: larger than ${MAX_KUBECONFIG_BYTES / (1024 * 1024)} MiB; not a kubeconfig`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function contextNames(run: CommandRun): string[] | undefined {
  const v = run.values['context'];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v]).map(String);
}

export const importCommand: Command = {
  name: 'import',
  summary: 'copy contexts from a kubeconfig into KubeDesk, secrets into the OS keychain',
  usage: 'import FILE|- [--context NAME]…',
  // --kubeconfig only matters for the name-clash warning (the files KubeDesk also reads).
  options: { ...KUBECONFIG_OPTIONS, context: { type: 'string', multiple: true }, verbose: { type: 'boolean', short: 'v' } },
  positionals: { min: 1, max: 1 },
  async run(run) {
    const arg = run.positionals[0]!;
    let label: string;
    let dir: string;
    let text: string;
    if (arg === '-') {
      label = '<stdin>';
      dir = run.io.cwd;
      text = await readStdin(run);
    } else {
      label = resolve(run.io.cwd, arg);
      dir = dirname(label);
      const read = await readKubeconfigText(label);
      if (read === undefined) throw new KubeDeskError('not-found', `${label}: no such file`);
      text = read;
    }
    const log = cliLogger(run);
    const cli = createCliCore(run, log);
    try {
      const candidates = importCandidates({ label, dir, text }, contextNames(run), { execEnv: run.io.env });
      const { value: imported, notice } = await cli.imported.import(candidates, arg === '-' ? 'stdin' : label);
      if (notice) writeLine(run.io.stderr, `warning: ${notice}`);
      for (const name of imported) writeLine(run.io.stdout, `Imported context ${name}`);
      const { union } = await cli.connections.load();
      for (const name of imported) {
        const winner = union.contexts.get(name);
        if (winner?.origin.kind === 'kubeconfig') {
          writeLine(
            run.io.stderr,
            `warning: context "${name}" also exists in ${winner.origin.file}, which takes precedence; rename one of them`,
          );
        }
      }
      return 0;
    } finally {
      await cli.dispose();
    }
  },
};
