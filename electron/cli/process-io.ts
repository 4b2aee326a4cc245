import type { CliIo } from './command.ts';

/** The real process's streams and environment, for the `kubedesk` entry points. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
    stdinIsTTY: Boolean(process.stdin.isTTY),
  };
}
