// The connection doctor (docs/doctor.md): the cluster path of one context, hop by hop, then
// optionally the path on to one service. Each hop has a time budget, so a server that drops
// packets costs one budget, not a hang; a hop whose prerequisite failed is skipped. Only reads:
// GETs, and the review objects (SelfSubjectReview, SelfSubjectAccessReview) that change nothing.
import { randomUUID } from 'node:crypto';
import type { DoctorCheck, DoctorHop, DoctorReport } from '../../shared/contract/doctor.ts';
import { KubeDeskError } from '../errors.ts';
import { parseServiceRef, type ServiceRef } from '../services/proxy-url.ts';
import { authenticationHop, authorizationHop, clockHop, versionHop } from './api-hops.ts';
import { credentialsHop } from './credentials-hop.ts';
import { HopRunner, type HopOutcome } from './hop-runner.ts';
import { kubeconfigHop, resolveContextName, type ClusterTarget, type DoctorConnections } from './kubeconfig-hop.ts';
import { dnsHop, proxyHop, systemLookup, tcpHop, type Lookup } from './network-hops.ts';
import type { RawAnswer } from './raw-request.ts';
import { localHop, portForwardHop, serviceProxyHop, type LocalListeners } from './service-reach.ts';
import { endpointsHop, selectorHop, serviceHop, targetPortHop, type ServiceWalk } from './service-hops.ts';
import { tlsHop } from './tls-hop.ts';

export interface DoctorDeps {
  connections: DoctorConnections;
  /** Which current context applies without one (context-union.ts). */
  rule: 'kubectl' | 'app';
  /** Name resolution; tests inject one so no query leaves the machine. */
  lookup?: Lookup | undefined;
  /** This machine's clock, for the skew check. */
  now?: (() => number) | undefined;
  /** Per-hop budgets in ms over the defaults (docs/doctor.md, Time budgets). */
  budgets?: Partial<Record<DoctorHop, number>> | undefined;
  /** The face's running forwards and gateways (absent in the CLI). */
  localListeners?: LocalListeners | undefined;
}

export interface DoctorRequest {
  context?: string | undefined;
  /** `NS/NAME[:PORT]`, or `NAME[:PORT]` in the context's namespace. */
  service?: string | undefined;
  runId?: string | undefined;
}

/** Network hops get a few seconds each, so the cluster path ends well within 10 s; a plugin may prompt. */
const BUDGETS: Record<DoctorHop, number> = {
  kubeconfig: 10_000,
  dns: 2_000,
  tcp: 2_500,
  proxy: 2_500,
  tls: 2_500,
  credentials: 60_000,
  authentication: 2_500,
  version: 2_500,
  authorization: 2_500,
  clock: 1_000,
  service: 5_000,
  selector: 5_000,
  endpoints: 5_000,
  'target-port': 1_000,
  'service-proxy': 5_000,
  'port-forward': 5_000,
  local: 2_000,
};

/** `NS/NAME[:PORT]` (the name part as services/proxy-url.ts reads it). */
export function parseServiceTarget(arg: string): { namespace: string | undefined; ref: ServiceRef } {
  const slash = arg.indexOf('/');
  const namespace = slash >= 0 ? arg.slice(0, slash) : undefined;
  if (namespace !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace))
    throw new KubeDeskError('invalid-input', `invalid service "${arg}": "${namespace}" is not a namespace name (expected NS/NAME[:PORT])`);
  return { namespace, ref: parseServiceRef(slash >= 0 ? arg.slice(slash + 1) : arg) };
}

export async function runDoctor(
  deps: DoctorDeps,
  req: DoctorRequest,
  onCheck: (check: DoctorCheck) => void,
  signal: AbortSignal,
): Promise<DoctorReport> {
  const service = req.service ? parseServiceTarget(req.service) : undefined;
  const context = await resolveContextName(deps.connections, deps.rule, req.context);
  const now = deps.now ?? Date.now;
  const runner = new HopRunner(onCheck, signal);
  const budget = (hop: DoctorHop): number => deps.budgets?.[hop] ?? BUDGETS[hop];
  const step = (hop: DoctorHop, after: DoctorHop[], run: (s: AbortSignal) => Promise<HopOutcome>): Promise<DoctorCheck> =>
    runner.step({ hop, after, budgetMs: budget(hop), run });

  let target: ClusterTarget | undefined;
  let addresses: string[] = [];
  let address = '';
  let answer: RawAnswer | undefined;
  try {
    await step('kubeconfig', [], async (s) => {
      const r = await kubeconfigHop(deps.connections, context, s);
      target = r.target;
      return r.outcome;
    });
    const t = (): ClusterTarget => target!;
    await step('dns', ['kubeconfig'], async () => {
      const r = await dnsHop(t().conn, deps.lookup ?? systemLookup);
      addresses = r.addresses;
      return r.outcome;
    });
    await step('tcp', ['dns'], async (s) => {
      const r = await tcpHop(t().conn, addresses, s);
      address = r.address;
      return r.outcome;
    });
    await step('proxy', ['tcp'], (s) => proxyHop(t().conn, s));
    await step('tls', ['proxy'], (s) => tlsHop(t().conn, t().context, address, s));
    await step('credentials', ['tls'], (s) => credentialsHop(t().conn, t().context, s));
    await step('authentication', ['credentials'], async (s) => {
      const r = await authenticationHop(t().conn, t().context, s, now);
      answer = r.answer;
      return r.outcome;
    });
    await step('version', ['authentication'], (s) => versionHop(t().conn, s));
    await step('authorization', ['authentication'], (s) => authorizationHop(t().conn, t().conn.namespace, s));
    // Any answer carries a Date header, a 401 too: the clock may be why credentials are refused.
    await step('clock', ['tls'], async () => clockHop(answer, now));
    if (service) {
      const w: ServiceWalk = { namespace: service.namespace ?? target?.conn.namespace ?? 'default', ref: service.ref };
      await step('service', ['authentication'], (s) => serviceHop(t().conn, w, s));
      await step('selector', ['service'], (s) => selectorHop(t().conn, w, s));
      await step('endpoints', ['selector'], (s) => endpointsHop(t().conn, w, s));
      await step('target-port', ['endpoints'], async () => targetPortHop(w));
      await step('service-proxy', ['target-port'], (s) => serviceProxyHop(t().conn, w, s));
      await step('port-forward', ['target-port'], (s) => portForwardHop(t().conn, w, s));
      await step('local', ['service'], (s) => localHop(deps.localListeners, context, w, s));
    }
  } finally {
    target?.conn.dispose();
  }
  const id = service
    ? `${service.namespace ?? target?.conn.namespace ?? 'default'}/${req.service!.slice(req.service!.indexOf('/') + 1)}`
    : null;
  return { runId: req.runId ?? randomUUID(), context, service: id, checks: runner.checks, ok: !runner.failed };
}
