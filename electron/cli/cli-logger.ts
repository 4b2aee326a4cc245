import { createLogger, silentLogger, type Logger } from '../core/log.ts';
import type { CommandRun } from './command.ts';

/** JSON log lines on stderr with --verbose (or KUBEDESK_LOG=debug); otherwise quiet. */
export function cliLogger(run: CommandRun): Logger {
  const level = run.io.env['KUBEDESK_LOG'];
  if (!run.values['verbose'] && !level) return silentLogger;
  return createLogger({
    level: level === 'debug' || level === 'info' || level === 'warn' || level === 'error' ? level : 'debug',
    write: (line) => run.io.stderr.write(line),
  });
}
