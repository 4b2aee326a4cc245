// Helpers for the doctor's tests: broken copies of the demo's kubeconfig, one doctor run over a
// kubeconfig (a real ConnectionProvider, as the CLI builds it), and the "fails at exactly this hop"
// check the tests share.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { parse, stringify } from 'yaml';
import type { DoctorCheck, DoctorHop, DoctorReport } from '../../../../electron/shared/contract/doctor.ts';
import type { DemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { runDoctor, type DoctorDeps } from '../../../../electron/core/doctor/run-doctor.ts';
import { kubeconfigConnections } from '../../../support/kubeconfig-connect.ts';

export interface KubeconfigDoc {
  clusters: Array<{ name: string; cluster: Record<string, unknown> }>;
  users: Array<{ name: string; user: Record<string, unknown> }>;
  contexts: Array<{ name: string; context: Record<string, unknown> }>;
  'current-context': string;
}

/** The demo's kubeconfig, edited, in a temp folder removed when the test ends. */
export function kubeconfigOf(demo: DemoCluster, edit: (doc: KubeconfigDoc) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-doctor-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const doc = parse(demo.kubeconfigYaml()) as KubeconfigDoc;
  edit(doc);
  const file = join(dir, 'kubeconfig');
  writeFileSync(file, stringify(doc), { mode: 0o600 });
  return file;
}

export interface DoctorRun {
  report: DoctorReport;
  /** The checks as they were streamed, in order. */
  streamed: DoctorCheck[];
}

export async function doctorOver(
  kubeconfig: string,
  req: { context?: string; service?: string } = {},
  extra: Omit<DoctorDeps, 'connections' | 'rule'> = {},
): Promise<DoctorRun> {
  const connections = kubeconfigConnections(kubeconfig);
  try {
    const streamed: DoctorCheck[] = [];
    const report = await runDoctor({ connections, rule: 'kubectl', ...extra }, req, (c) => streamed.push(c), AbortSignal.timeout(60_000));
    return { report, streamed };
  } finally {
    connections.dispose();
  }
}

export function check(report: DoctorReport, hop: DoctorHop): DoctorCheck {
  const c = report.checks.find((x) => x.hop === hop);
  if (!c) throw new Error(`no ${hop} check in ${JSON.stringify(report.checks.map((x) => x.hop))}`);
  return c;
}

/** The hops that may be skipped on a healthy path: no proxy configured, no KubeDesk listener in a test. */
const NOT_APPLICABLE = new Set<DoctorHop>(['proxy', 'local']);

/** Every hop before `hop` passed, `hop` failed, and no other hop failed. */
export function expectFailsAt(report: DoctorReport, hop: DoctorHop): DoctorCheck {
  const i = report.checks.findIndex((c) => c.hop === hop);
  expect(i, `no ${hop} check`).toBeGreaterThanOrEqual(0);
  for (const c of report.checks.slice(0, i)) {
    expect(
      c.status === 'ok' || (c.status === 'skipped' && NOT_APPLICABLE.has(c.hop)),
      `${c.hop} before ${hop}: ${c.status} ${c.detail}`,
    ).toBe(true);
  }
  const failed = report.checks[i]!;
  expect(failed.status, failed.detail).toBe('failed');
  expect(failed.hint).toBeTruthy();
  expect(report.checks.filter((c) => c.status === 'failed').map((c) => c.hop)).toEqual([hop]);
  expect(report.ok).toBe(false);
  return failed;
}

/** Every hop ran and none failed (proxy and local may be skipped: nothing to check). */
export function expectHealthy(report: DoctorReport): void {
  for (const c of report.checks) {
    expect(c.status === 'ok' || (c.status === 'skipped' && NOT_APPLICABLE.has(c.hop)), `${c.hop}: ${c.status} ${c.detail}`).toBe(true);
  }
  expect(report.ok).toBe(true);
}
