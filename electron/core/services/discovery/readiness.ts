// A service's readiness from its endpoints and pods (docs/services.md, Readiness): 'no-selector'
// (no spec.selector, or ExternalName: nothing manages its endpoints), 'ready' (≥ 1 ready address),
// 'not-ready' (addresses, none ready) and 'no-endpoints' (no addresses at all), with the reasons
// of the pods that are not ready. Addresses are counted once each across slices, as the
// apiserver's service proxy picks among them (pkg/registry/core/service/proxy.go).
import type { ServiceReadiness } from '../../../shared/contract/services.ts';
import type { EndpointRecord, PodRecord, ServiceRecord } from './records.ts';

const MAX_REASONS = 3;

export interface ReadinessInputs {
  /** The service's EndpointSlices (or its Endpoints). */
  endpoints: Iterable<EndpointRecord>;
  /** A pod of the service's namespace by name. */
  pod(name: string): PodRecord | undefined;
  /** The pods the selector matches (asked only when there are no addresses). */
  selected(): Iterable<PodRecord>;
}

function reasonOf(p: PodRecord): string {
  return `${p.name} ${p.reason ?? 'NotReady'}`;
}

export function readinessOf(svc: ServiceRecord, inputs: ReadinessInputs): ServiceReadiness {
  const ready = new Set<string>();
  const notReady = new Set<string>();
  const reasons: string[] = [];
  for (const ep of inputs.endpoints) {
    for (const a of ep.addresses) {
      if (a.ready) {
        ready.add(a.ip);
        continue;
      }
      if (notReady.has(a.ip)) continue;
      notReady.add(a.ip);
      if (reasons.length < MAX_REASONS && a.pod) {
        const p = inputs.pod(a.pod);
        reasons.push(p ? reasonOf(p) : `${a.pod} NotReady`);
      }
    }
  }
  for (const ip of ready) notReady.delete(ip);
  const counts = { ready: ready.size, notReady: notReady.size };
  if (!svc.selector) return { state: 'no-selector', ...counts, reasons: [] };
  if (ready.size > 0) return { state: 'ready', ...counts, reasons };
  if (notReady.size > 0) return { state: 'not-ready', ...counts, reasons };
  // No address at all: the pods it selects (Pending, no IP yet) say why, if there are any.
  for (const p of inputs.selected()) {
    if (reasons.length >= MAX_REASONS) break;
    if (!p.ready) reasons.push(reasonOf(p));
  }
  return { state: 'no-endpoints', ...counts, reasons };
}
