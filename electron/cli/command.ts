// The shape of one `kubedesk` command (docs/cli.md). Each command is its own module under
// electron/cli/commands/ and is registered in electron/cli/commands/index.ts.
import type { ParseArgsOptionsConfig } from 'node:util';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Colour only on a TTY and without NO_COLOR (docs/cli.md). */
  color: boolean;
  /** stdin is a terminal (exec plugins' interactiveMode). */
  stdinIsTTY: boolean;
}

export type OptionValue = string | boolean | Array<string | boolean> | undefined;

export interface CommandRun {
  io: CliIo;
  values: Record<string, OptionValue>;
  positionals: string[];
  /** Aborted on SIGINT/SIGTERM: long-running commands close every listener and return 0. */
  signal: AbortSignal;
}

export interface Command {
  name: string;
  /** One line for `kubedesk --help`. */
  summary: string;
  /** The synopsis after `kubedesk `, e.g. `contexts [--json]`. */
  usage: string;
  options: ParseArgsOptionsConfig;
  positionals: { min: number; max: number };
  /** Returns the exit status: 0 ok, 1 error (docs/cli.md). Throw UsageError for exit 2. */
  run(run: CommandRun): Promise<number>;
}

/** A usage error: exit 2 with a one-line hint to --help (docs/cli.md). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Resolves when the command's signal aborts (SIGINT/SIGTERM). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

export function stringOption(values: Record<string, OptionValue>, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UsageError(`--${name} takes a value`);
  return v;
}

export function writeLine(stream: NodeJS.WritableStream, line: string): void {
  stream.write(line + '\n');
}
