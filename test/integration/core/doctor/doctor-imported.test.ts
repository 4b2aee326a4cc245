// An imported context (secrets in the keychain, here the in-memory one): the doctor walks it like a
// kubeconfig context, says where it came from, and shows none of its secrets.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DoctorCheck } from '../../../../electron/shared/contract/doctor.ts';
import { startDemoCluster, type DemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { runDoctor } from '../../../../electron/core/doctor/run-doctor.ts';
import { importCandidates } from '../../../../electron/core/kubeconfig/import-candidates.ts';
import { setup, tempDir } from '../../../support/kubedesk-fixtures.ts';
import { check } from './doctor-fixture.ts';

let demo: DemoCluster;
beforeAll(async () => {
  demo = await startDemoCluster();
});
afterAll(() => demo?.dispose());

it('walks an imported context whose secrets are in the keychain, and shows none of them', async () => {
  const s = setup();
  await s.imported.import(
    importCandidates({ label: 'paste', dir: tempDir(), text: demo.kubeconfigYaml() }, ['demo', 'demo-basic']),
    'paste',
  );
  for (const context of ['demo', 'demo-basic']) {
    const streamed: DoctorCheck[] = [];
    const report = await runDoctor(
      { connections: s.provider, rule: 'app' },
      { context },
      (c) => streamed.push(c),
      AbortSignal.timeout(30_000),
    );
    expect(report.ok, JSON.stringify(report.checks)).toBe(true);
    expect(check(report, 'kubeconfig').detail).toContain('from imported (KubeDesk store)');
    const text = JSON.stringify(report);
    for (const secret of [demo.credentials.token, demo.credentials.password]) expect(text).not.toContain(secret);
  }
});
