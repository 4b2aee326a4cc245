import { describe, expect, it } from 'vitest';
import { DOCTOR_HOPS } from '../../../../electron/shared/contract/doctor.ts';
import type { DoctorCheck, DoctorHop, DoctorReport } from '../../../../electron/shared/ipc-contract.ts';
import {
  applyDoctorMarks,
  doctorMarks,
  HOP_NODE_KINDS,
  markedNode,
} from '../../../../renderer/src/lib/components/topology/doctor-overlay.ts';
import { toViewGraph } from '../../../../renderer/src/lib/components/topology/topology-graph.ts';
import { demoLike, hop } from '../topology/topology-fixture.ts';

/** A report whose hops before `failing` pass. */
function failingAt(failing: DoctorHop | null, service: string | null = null, context = 'demo'): DoctorReport {
  const hops = service ? DOCTOR_HOPS : DOCTOR_HOPS.slice(0, DOCTOR_HOPS.indexOf('service'));
  const at = failing ? hops.indexOf(failing) : hops.length;
  const checks: DoctorCheck[] = hops.map((h, i) => ({
    hop: h,
    status: i < at ? 'ok' : i === at ? 'failed' : 'skipped',
    ms: 1,
    detail: i === at ? `${h} broke` : 'fine',
    hint: null,
  }));
  return { runId: 'r', context, service, checks, ok: failing === null };
}

describe('doctor hop → topology nodes', () => {
  it('maps every hop to at least one node kind', () => {
    for (const h of DOCTOR_HOPS) expect(HOP_NODE_KINDS[h].length).toBeGreaterThan(0);
  });

  it('a cluster-path failure marks the apiserver LB and apiservers, with the hop and its reason', () => {
    const marks = doctorMarks(demoLike(), failingAt('authentication'));
    expect([...marks.keys()].sort()).toEqual(['apiserver-lb', 'apiserver/10.0.0.10:6443', 'apiserver/10.0.0.11:6443']);
    expect(marks.get('apiserver-lb')).toBe('authentication failed: authentication broke');
    for (const h of ['kubeconfig', 'dns', 'tcp', 'proxy', 'tls', 'credentials', 'version', 'authorization', 'clock'] as const)
      expect([...doctorMarks(demoLike(), failingAt(h)).keys()].sort()).toEqual([...marks.keys()].sort());
  });

  it('a service-path failure marks that service and the apiserver proxy, not the other services', () => {
    for (const h of ['service', 'selector', 'endpoints', 'target-port', 'service-proxy'] as const) {
      const marks = doctorMarks(demoLike(), failingAt(h, 'shop/web:80'));
      expect([...marks.keys()].sort()).toEqual(['apiserver-proxy', 'service/shop/web']);
    }
    expect([...doctorMarks(demoLike(), failingAt('endpoints', 'shop/https:orders:8443')).keys()].sort()).toEqual([
      'apiserver-proxy',
      'service/shop/orders',
    ]);
  });

  it('port-forward marks the kubelets and the pods of the service; local marks KubeDesk’s own listeners', () => {
    expect([...doctorMarks(demoLike(), failingAt('port-forward', 'shop/web')).keys()].sort()).toEqual([
      'kubelet/w1',
      'kubelet/w2',
      'pod/shop/web-1',
      'pod/shop/web-2',
    ]);
    const t = demoLike();
    t.nodes.push(hop('port-forward/f1', 'port-forward', 'active'), hop('service-gateway/g1', 'service-gateway', 'active'));
    expect([...doctorMarks(t, failingAt('local', 'shop/web')).keys()].sort()).toEqual([
      'local-proxy/none',
      'port-forward/f1',
      'service-gateway/g1',
    ]);
  });

  it('marks nothing when every hop passed, or when the report is for another context', () => {
    expect(doctorMarks(demoLike(), failingAt(null)).size).toBe(0);
    expect(doctorMarks(demoLike(), failingAt('tcp', null, 'prod')).size).toBe(0);
  });

  it('draws marked nodes failed with the reason, in hops and namespace groups alike, and leaves the rest as they were', () => {
    const t = demoLike();
    const view = toViewGraph(t, {});
    const marks = doctorMarks(t, failingAt('endpoints', 'shop/web'));
    const drawn = applyDoctorMarks(view, marks);
    const proxy = drawn.hops.find((n) => n.id === 'apiserver-proxy')!;
    expect(proxy).toMatchObject({ status: 'failed', detail: 'endpoints failed: endpoints broke' });
    const members = drawn.groups.flatMap((g) => g.members.map((m) => m.node));
    expect(members.find((n) => n.id === 'service/shop/web')).toMatchObject({ status: 'failed' });
    expect(members.find((n) => n.id === 'service/shop/storefront')).toMatchObject({ status: 'ready' });
    expect(drawn.hops.find((n) => n.id === 'apiserver-lb')).toBe(view.hops.find((n) => n.id === 'apiserver-lb'));
    expect(applyDoctorMarks(view, new Map())).toBe(view);
    const lb = t.nodes.find((n) => n.id === 'apiserver-lb')!;
    expect(markedNode(lb, marks)).toBe(lb);
  });
});
