import { describe, expect, it } from 'vitest';
import { summaryLine, tallyCheck, tallyReport, type VitestReport } from '../../support/tally.ts';

type Status = 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';

function report(tests: Array<[string, Status, string?]>, failedSuites = 0): VitestReport {
  const count = (s: Status): number => tests.filter(([, status]) => status === s).length;
  return {
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numFailedTestSuites: failedSuites,
    testResults: [
      {
        name: 'a.test.ts',
        assertionResults: tests.map(([fullName, status, platformOnly]) => ({
          fullName,
          status,
          meta: platformOnly ? { platformOnly } : {},
        })),
      },
    ],
  };
}

describe('tallyReport', () => {
  it('counts a skip declared for a platform as skipped, not failed', () => {
    const t = tallyReport(
      'unit',
      report([
        ['runs', 'passed'],
        ['macOS only', 'skipped', 'darwin: reads launchd'],
      ]),
      0,
    );
    expect(t).toEqual({ name: 'unit', passed: 1, failed: 0, skipped: 1, undeclared: [] });
  });

  it('fails the run on a stray skip, a todo, and a test left pending, naming each', () => {
    const t = tallyReport(
      'unit',
      report([
        ['runs', 'passed'],
        ['stray skip', 'skipped'],
        ['later', 'todo', 'linux: a todo is never declared'],
        ['hidden by only', 'pending'],
      ]),
      0,
    );
    expect(t.failed).toBe(3);
    expect(t.skipped).toBe(0);
    expect(t.undeclared).toEqual(['stray skip', 'later', 'hidden by only']);
  });

  it('counts one failure when a file fails to load or vitest exits non-zero without a failed test', () => {
    expect(tallyReport('unit', report([['runs', 'passed']], 1), 1).failed).toBe(1);
    expect(tallyReport('unit', report([['runs', 'passed']]), 1).failed).toBe(1);
    expect(tallyReport('unit', report([['breaks', 'failed']], 1), 1).failed).toBe(1);
  });
});

describe('summaryLine', () => {
  it('totals every suite and check as `N passed, N failed, N skipped`', () => {
    const unit = tallyReport(
      'unit',
      report([
        ['a', 'passed'],
        ['b', 'failed'],
        ['c', 'skipped', 'win32: named pipes'],
      ]),
      1,
    );
    expect(summaryLine([tallyCheck('lint', 0), tallyCheck('knip', 1), unit])).toBe('2 passed, 2 failed, 1 skipped');
  });
});
