// The `doctor:run` channel: checks stream as `doctor:check` events tagged with the run id, before the
// report (which holds the same checks) answers.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DoctorCheckEvent } from '../../../../electron/shared/contract/doctor.ts';
import { startDemoCluster, type DemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { createDoctorHandlers } from '../../../../electron/core/doctor/doctor-handlers.ts';
import { kubeconfigConnections } from '../../../support/kubeconfig-connect.ts';
import { kubeconfigOf } from './doctor-fixture.ts';

let demo: DemoCluster;
beforeAll(async () => {
  demo = await startDemoCluster();
});
afterAll(() => demo?.dispose());

it('streams each check with the run id, in path order, before the report', async () => {
  const connections = kubeconfigConnections(kubeconfigOf(demo));
  const events: DoctorCheckEvent[] = [];
  const handlers = createDoctorHandlers({ connections, rule: 'app', emit: (e) => events.push(e) });
  try {
    const report = await handlers['doctor:run']({ context: 'demo', service: 'shop/web', runId: 'run-42' }, new AbortController().signal);
    expect(report).toMatchObject({ runId: 'run-42', context: 'demo', service: 'shop/web', ok: true });
    expect(events.every((e) => e.runId === 'run-42')).toBe(true);
    expect(events.map((e) => e.check)).toEqual(report.checks);
    const second = await handlers['doctor:run']({ context: 'demo' }, new AbortController().signal);
    expect(second.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(events.slice(report.checks.length).every((e) => e.runId === second.runId)).toBe(true);
  } finally {
    connections.dispose();
  }
});
