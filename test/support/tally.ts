// Turns one vitest JSON report into the runner's tally (test/run.ts). Skips are failures unless
// declared with `onlyOn` (test/support/platform.ts); a todo is always one. A file that fails to
// load, a `.only` refused by `--allowOnly=false`, or a non-zero exit counts as a failure even
// when no test failed.

export interface Tally {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Tests skipped or left todo without a platform reason, by full name. */
  undeclared: string[];
}

interface AssertionResult {
  fullName: string;
  status: string;
  meta?: { platformOnly?: string };
}

export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numFailedTestSuites: number;
  testResults: Array<{ name: string; assertionResults: AssertionResult[] }>;
}

const SKIPPED = new Set(['pending', 'skipped', 'todo', 'disabled']);

export function tallyReport(name: string, report: VitestReport, exitCode: number): Tally {
  const skips = report.testResults.flatMap((file) => file.assertionResults.filter((t) => SKIPPED.has(t.status)));
  const declared = skips.filter((t) => t.status !== 'todo' && t.meta?.platformOnly);
  const undeclared = skips.filter((t) => !declared.includes(t)).map((t) => t.fullName);
  const unexplained = report.numFailedTests === 0 && (report.numFailedTestSuites > 0 || exitCode !== 0) ? 1 : 0;
  return {
    name,
    passed: report.numPassedTests,
    failed: report.numFailedTests + undeclared.length + unexplained,
    skipped: declared.length,
    undeclared,
  };
}

/** A check (lint, typecheck, build): one pass or one failure. */
export function tallyCheck(name: string, exitCode: number): Tally {
  return { name, passed: exitCode === 0 ? 1 : 0, failed: exitCode === 0 ? 0 : 1, skipped: 0, undeclared: [] };
}

/** The summary's last line, `N passed, N failed, N skipped`, which the README's test command reads. */
export function summaryLine(tallies: readonly Tally[]): string {
  const sum = (key: 'passed' | 'failed' | 'skipped'): number => tallies.reduce((n, t) => n + t[key], 0);
  return `${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`;
}
