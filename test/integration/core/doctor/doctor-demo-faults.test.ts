// The demo cluster's faults (docs/doctor.md, Demo faults) and the hop each one breaks: a server
// certificate that is expired, not yet valid or issued for other names; an RBAC permission denied;
// a blackholed port where every connect times out, which must not hold the doctor past 10 s.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startDemoCluster, type DemoFaults } from '../../../../electron/core/demo/demo-cluster.ts';
import { check, doctorOver, expectFailsAt, kubeconfigOf } from './doctor-fixture.ts';

const run = promisify(execFile);

async function faultyDemo(faults: DemoFaults) {
  const demo = await startDemoCluster({ faults });
  onTestFinished(() => demo.dispose());
  return demo;
}

/** kubectl's own verdict on the same kubeconfig (the oracle for the TLS faults). */
async function kubectlError(kubeconfig: string): Promise<string> {
  const r = await run('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, 'get', '--raw', '/version', '--request-timeout=5s']).then(
    () => ({ stderr: '' }),
    (err: { stderr?: string }) => ({ stderr: err.stderr ?? '' }),
  );
  return r.stderr;
}

describe('doctor against the demo faults', () => {
  it('fails at tls with "expired on DATE" when the server certificate has expired, as kubectl does', async () => {
    const demo = await faultyDemo({ serverCert: 'expired' });
    const file = kubeconfigOf(demo);
    const failed = expectFailsAt((await doctorOver(file)).report, 'tls');
    const date = /expired on (\S+Z)/.exec(failed.detail)?.[1];
    expect(date, failed.detail).toBeDefined();
    expect(Date.parse(date!)).toBeLessThan(Date.now());
    expect(await kubectlError(file)).toContain('certificate has expired');
  });

  it('fails at tls with the dates when the server certificate is not yet valid', async () => {
    const demo = await faultyDemo({ serverCert: 'not-yet-valid' });
    const failed = expectFailsAt((await doctorOver(kubeconfigOf(demo))).report, 'tls');
    const from = /valid from (\S+Z)/.exec(failed.detail)?.[1];
    expect(Date.parse(from!)).toBeGreaterThan(Date.now());
  });

  it('fails at tls listing the SANs when the server name is not among them, as kubectl does', async () => {
    const demo = await faultyDemo({ serverCert: 'wrong-name' });
    const file = kubeconfigOf(demo);
    const failed = expectFailsAt((await doctorOver(file)).report, 'tls');
    expect(failed.detail).toContain('DNS:apiserver.kubedesk-demo.invalid');
    expect(failed.detail).toContain('IP:10.96.0.1');
    expect(failed.detail).toContain('not 127.0.0.1');
    expect(await kubectlError(file)).toMatch(/certificate is valid for 10\.96\.0\.1, not 127\.0\.0\.1|doesn't contain any IP SANs/);
  });

  it('fails at authorization naming the permission RBAC denies', async () => {
    const demo = await faultyDemo({ deny: [{ verb: 'create', resource: 'pods', subresource: 'portforward' }] });
    const { report } = await doctorOver(kubeconfigOf(demo));
    const failed = expectFailsAt(report, 'authorization');
    expect(failed.detail).toBe('not allowed in namespace shop: create pods/portforward');
    expect(failed.hint).toContain('kubectl auth can-i create pods/portforward -n shop');
    expect(check(report, 'clock').status).toBe('ok');
  });

  it('fails at tcp with a timeout within its budget for a blackholed port, and ends well within 10 s', async () => {
    const demo = await faultyDemo({ blackhole: true });
    const port = new URL(demo.blackholeUrl!).port;
    const file = kubeconfigOf(demo, (d) => (d.clusters[0]!.cluster['server'] = demo.blackholeUrl));
    const started = performance.now();
    const { report } = await doctorOver(file);
    const elapsed = performance.now() - started;
    const failed = expectFailsAt(report, 'tcp');
    expect(failed.detail).toContain('timed out');
    expect(failed.detail).not.toContain(`127.0.0.1:${port} refused`);
    expect(report.checks.slice(report.checks.indexOf(failed) + 1).every((c) => c.status === 'skipped')).toBe(true);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('keeps every fault off by default', async () => {
    const demo = await startDemoCluster();
    onTestFinished(() => demo.dispose());
    expect(demo.blackholeUrl).toBeUndefined();
    const { report } = await doctorOver(kubeconfigOf(demo));
    expect(report.ok).toBe(true);
  });
});
