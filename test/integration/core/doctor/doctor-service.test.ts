// The service path (`--service NS/NAME[:PORT]`) against the demo's world, plus two services made
// broken on purpose: one whose only pod is Pending, one whose named targetPort no pod declares.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCTOR_HOPS } from '../../../../electron/shared/contract/doctor.ts';
import { kubeJson } from '../../../../electron/core/cluster/kube-request.ts';
import { startDemoCluster, type DemoCluster, DEMO_PENDING_POD } from '../../../../electron/core/demo/demo-cluster.ts';
import { connectKubeconfig } from '../../../support/kubeconfig-connect.ts';
import { check, doctorOver, expectFailsAt, expectHealthy, kubeconfigOf } from './doctor-fixture.ts';

let demo: DemoCluster;

async function createService(name: string, selector: Record<string, string>, targetPort: string | number): Promise<void> {
  const conn = await connectKubeconfig(kubeconfigOf(demo));
  try {
    await kubeJson(conn, {
      method: 'POST',
      path: '/api/v1/namespaces/shop/services',
      body: { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector, ports: [{ name: 'http', port: 80, targetPort }] } },
    });
  } finally {
    conn.dispose();
  }
}

beforeAll(async () => {
  demo = await startDemoCluster();
});
afterAll(() => demo?.dispose());

describe('doctor, service path', () => {
  it('passes every hop to a healthy service, the port-forward included; local is skipped in a process with no forward', async () => {
    const { report, streamed } = await doctorOver(kubeconfigOf(demo), { service: 'shop/web:http' });
    expect(report.checks.map((c) => c.hop)).toEqual(DOCTOR_HOPS);
    expectHealthy(report);
    expect(streamed.map((c) => c.hop)).toEqual(DOCTOR_HOPS);
    expect(report.service).toBe('shop/web:http');
    expect(check(report, 'selector').detail).toBe('2 pods match app=web');
    expect(check(report, 'target-port').detail).toMatch(/^targetPort "http" is 8080\/TCP on pod web-/);
    expect(check(report, 'service-proxy').detail).toContain('HTTP 200');
    expect(check(report, 'port-forward').detail).toMatch(/^pod web-\S+ accepted a connection on 8080$/);
    expect(check(report, 'local').status).toBe('skipped');
  });

  it('passes the service proxy of a backend that streams and never ends its body', async () => {
    const { report } = await doctorOver(kubeconfigOf(demo), { service: 'shop/ticker' });
    expectHealthy(report);
    expect(check(report, 'service-proxy').ms).toBeLessThan(5000);
  });

  it('checks the listeners the face reports for the local hop', async () => {
    const listeners = () => [{ label: 'forward shop/web', host: '127.0.0.1', port: demo.port }];
    const { report } = await doctorOver(kubeconfigOf(demo), { service: 'shop/web' }, { localListeners: listeners });
    expect(check(report, 'local')).toMatchObject({ status: 'ok', detail: `listening: forward shop/web on 127.0.0.1:${demo.port}` });
  });

  it('fails at service for a service that does not exist', async () => {
    const failed = expectFailsAt((await doctorOver(kubeconfigOf(demo), { service: 'shop/nope' })).report, 'service');
    expect(failed.detail).toBe('service shop/nope not found');
  });

  it('fails at service for a port the service does not have, listing its ports', async () => {
    const failed = expectFailsAt((await doctorOver(kubeconfigOf(demo), { service: 'shop/web:9999' })).report, 'service');
    expect(failed.detail).toBe('service shop/web has no port 9999 (ports: http 80/TCP)');
  });

  it('fails at selector when no pod matches', async () => {
    await createService('doctor-nobody', { app: 'nobody-has-this' }, 8080);
    const failed = expectFailsAt((await doctorOver(kubeconfigOf(demo), { service: 'shop/doctor-nobody' })).report, 'selector');
    expect(failed.detail).toBe('no pod in shop matches app=nobody-has-this');
  });

  it('fails at endpoints naming the only pod and "Pending" when that pod is Pending', async () => {
    await createService('doctor-pending', { app: 'report' }, 8080);
    const failed = expectFailsAt((await doctorOver(kubeconfigOf(demo), { service: 'shop/doctor-pending' })).report, 'endpoints');
    expect(failed.detail).toContain(DEMO_PENDING_POD.name);
    expect(failed.detail).toContain('Pending');
  });

  it('fails at endpoints naming the pod and CrashLoopBackOff for a crash-looping app', async () => {
    const failed = expectFailsAt((await doctorOver(kubeconfigOf(demo), { service: 'shop/orders' })).report, 'endpoints');
    expect(failed.detail).toMatch(/^no ready pod: orders-\S+ CrashLoopBackOff$/);
  });

  it('fails at target-port when the named targetPort is on no container of the pod', async () => {
    await createService('doctor-badport', { app: 'web' }, 'nope');
    const failed = expectFailsAt((await doctorOver(kubeconfigOf(demo), { service: 'shop/doctor-badport' })).report, 'target-port');
    expect(failed.detail).toMatch(/^pod web-\S+ has no TCP container port named "nope" \(its ports: http 8080\/TCP\)$/);
  });

  it('skips the whole service path when the cluster path fails', async () => {
    const file = kubeconfigOf(demo, (d) => (d.users[0]!.user['token'] = 'wrong'));
    const { report } = await doctorOver(file, { service: 'shop/web' });
    for (const hop of ['service', 'selector', 'endpoints', 'target-port', 'service-proxy', 'port-forward', 'local'] as const) {
      expect(check(report, hop)).toMatchObject({ status: 'skipped', detail: 'authentication failed' });
    }
  });
});
