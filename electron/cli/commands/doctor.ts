// `kubedesk doctor [--context NAME] [--service NS/NAME[:PORT]] [--json]` (docs/cli.md, docs/doctor.md):
// walks the path to the cluster, and on to a service, hop by hop. One line per hop as it finishes
// (`✓`, `✗`, `–` skipped, `?` unknown), a hint under a failure; exit 0 only when nothing failed.
import type { DoctorCheck, DoctorStatus } from '../../shared/contract/doctor.ts';
import { KubeDeskError } from '../../core/errors.ts';
import { parseServiceTarget, runDoctor } from '../../core/doctor/run-doctor.ts';
import { stringOption, UsageError, writeLine, type Command, type CliIo, type OptionValue } from '../command.ts';
import { cliLogger } from '../cli-logger.ts';
import { createCliCore, CONTEXT_OPTIONS, contextOption } from '../cli-core.ts';

const MARK: Record<DoctorStatus, string> = { ok: '✓', failed: '✗', skipped: '–', unknown: '?' };
const COLOR: Record<DoctorStatus, string> = { ok: '\x1b[32m', failed: '\x1b[31m', skipped: '\x1b[2m', unknown: '\x1b[33m' };
const HOP_WIDTH = 'authentication'.length;

/** `✓ tls             TLSv1.3, … (12 ms)`, then `    hint: …` lines when the check has a hint. */
function formatCheck(check: DoctorCheck, color: boolean): string[] {
  const mark = color ? `${COLOR[check.status]}${MARK[check.status]}\x1b[0m` : MARK[check.status];
  const lines = [`${mark} ${check.hop.padEnd(HOP_WIDTH)}  ${check.detail} (${check.ms} ms)`];
  if (check.hint) for (const [i, l] of check.hint.split('\n').entries()) lines.push(`    ${i === 0 ? 'hint: ' : '      '}${l}`.trimEnd());
  return lines;
}

function serviceOption(values: Record<string, OptionValue>): string | undefined {
  const service = stringOption(values, 'service');
  if (service === undefined) return undefined;
  try {
    parseServiceTarget(service);
  } catch (err) {
    if (err instanceof KubeDeskError) throw new UsageError(`--service: ${err.message}`);
    throw err;
  }
  return service;
}

function printer(io: CliIo, json: boolean): (check: DoctorCheck) => void {
  if (json) return () => {};
  return (check) => {
    for (const l of formatCheck(check, io.color)) writeLine(io.stdout, l);
  };
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'which hop on the way to the cluster (or a service) fails, and why',
  usage: 'doctor [--context NAME] [--service NS/NAME[:PORT]] [--json]',
  options: { ...CONTEXT_OPTIONS, service: { type: 'string' }, json: { type: 'boolean' }, verbose: { type: 'boolean', short: 'v' } },
  positionals: { min: 0, max: 0 },
  async run(run) {
    const service = serviceOption(run.values);
    const json = Boolean(run.values['json']);
    const cli = createCliCore(run, cliLogger(run));
    try {
      // The CLI runs no proxy or forward of its own: the `local` hop is skipped.
      const report = await runDoctor(
        { connections: cli.connections, rule: 'kubectl' },
        { context: contextOption(run), service },
        printer(run.io, json),
        run.signal,
      );
      if (json) writeLine(run.io.stdout, JSON.stringify({ checks: report.checks }, null, 2));
      return report.ok ? 0 : 1;
    } finally {
      await cli.dispose();
    }
  },
};
