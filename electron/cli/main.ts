// Parses `kubedesk [--help|--version] COMMAND [options]`, runs the command, and maps errors to
// docs/cli.md's exit codes: 0 ok, 1 error (`error: …`), 2 usage error (with a hint to --help).
// A command loads only its own module: kubectl runs `kubedesk credential` before each of its
// commands, and none should pay for loading all the others. The imports are written out, so the
// bundle (cli.vite.config.ts) gets one lazy chunk per command and the sources run as they are.
import { parseArgs } from 'node:util';
import { APP_VERSION } from '../core/app-info.ts';
import { KubeDeskError } from '../core/errors.ts';
import { UsageError, writeLine, type CliIo, type Command, type OptionValue } from './command.ts';

export interface CliRunOptions {
  io: CliIo;
  signal: AbortSignal;
}

/** Each command from its own module, by name; commands/index.ts has them all, in --help order. */
const COMMAND_LOADERS: Readonly<Record<string, () => Promise<Command>>> = {
  contexts: async () => (await import('./commands/contexts.ts')).contextsCommand,
  import: async () => (await import('./commands/import.ts')).importCommand,
  remove: async () => (await import('./commands/remove.ts')).removeCommand,
  whoami: async () => (await import('./commands/whoami.ts')).whoamiCommand,
  doctor: async () => (await import('./commands/doctor.ts')).doctorCommand,
  'cluster-info': async () => (await import('./commands/cluster-info.ts')).clusterInfoCommand,
  services: async () => (await import('./commands/services.ts')).servicesCommand,
  forward: async () => (await import('./commands/forward.ts')).forwardCommand,
  proxy: async () => (await import('./commands/proxy.ts')).proxyCommand,
  url: async () => (await import('./commands/url.ts')).urlCommand,
  open: async () => (await import('./commands/open.ts')).openCommand,
  topology: async () => (await import('./commands/topology.ts')).topologyCommand,
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  demo: async () => (await import('./commands/demo.ts')).demoCommand,
  credential: async () => (await import('./commands/credential.ts')).credentialCommand,
  'export-kubeconfig': async () => (await import('./commands/export-kubeconfig.ts')).exportKubeconfigCommand,
  migrate: async () => (await import('./commands/migrate.ts')).migrateCommand,
};

async function commandTable(): Promise<readonly Command[]> {
  return (await import('./commands/index.ts')).COMMANDS;
}

/** The command NAME from its own module; a name not in COMMAND_LOADERS from the whole table. */
async function findCommand(name: string): Promise<Command | undefined> {
  if (Object.hasOwn(COMMAND_LOADERS, name)) return COMMAND_LOADERS[name]!();
  return (await commandTable()).find((c) => c.name === name);
}

function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  const lines = [
    'kubedesk: one-click, safe access to everything inside your Kubernetes clusters.',
    '',
    'Usage: kubedesk COMMAND [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help      show this help (or `kubedesk COMMAND --help`)',
    '  -V, --version   print the version',
    '',
    'Clusters come from --kubeconfig, else KUBECONFIG, else ~/.kube/config.',
  ];
  return lines.join('\n');
}

function commandHelp(c: Command): string {
  const opts = Object.entries(c.options).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : '    ';
    return `  ${short}--${name}${o.type === 'string' ? ' VALUE' : ''}`;
  });
  return [`Usage: kubedesk ${c.usage}`, '', c.summary, ...(opts.length ? ['', 'Options:', ...opts] : [])].join('\n');
}

function usageError(io: CliIo, message: string, command?: string): number {
  writeLine(io.stderr, `error: ${message}`);
  writeLine(io.stderr, `Run 'kubedesk ${command ? command + ' ' : ''}--help' for usage.`);
  return 2;
}

export async function runCli(argv: string[], opts: CliRunOptions): Promise<number> {
  const { io } = opts;
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    writeLine(io.stdout, helpText(await commandTable()));
    return first === undefined ? 2 : 0;
  }
  if (first === '-V' || first === '--version') {
    writeLine(io.stdout, APP_VERSION);
    return 0;
  }
  const command = await findCommand(first);
  if (!command) {
    return usageError(io, first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    writeLine(io.stdout, commandHelp(command));
    return 0;
  }
  let values: Record<string, OptionValue>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true }));
  } catch (err) {
    return usageError(io, (err as Error).message.replace(/\. To specify a positional.*$/s, ''), command.name);
  }
  if (positionals.length < command.positionals.min) return usageError(io, `${command.name}: missing argument`, command.name);
  if (positionals.length > command.positionals.max) {
    return usageError(io, `${command.name}: unexpected argument '${positionals[command.positionals.max]}'`, command.name);
  }
  try {
    return await command.run({ io, values, positionals, signal: opts.signal });
  } catch (err) {
    if (err instanceof UsageError) return usageError(io, err.message, command.name);
    if (err instanceof KubeDeskError) {
      writeLine(io.stderr, `error: ${err.message}`);
      return 1;
    }
    // Never a stack trace; the message of an unexpected error is still useful.
    writeLine(io.stderr, `error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
