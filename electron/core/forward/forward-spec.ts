// A forward as saved and shown (contract ForwardSpec) ↔ what a session needs. Every check that
// kubectl makes before it talks to the cluster runs here, with kubectl's texts (docs/port-forward.md, Arguments).
import type { ForwardSpec, ForwardSpecInput } from '../../shared/ipc-contract.ts';
import { formatForwardTarget, parseForwardTarget, type ForwardTarget } from './forward-target.ts';
import { DEFAULT_ADDRESSES, parseListenAddresses, type ListenAddress } from './listen-addresses.ts';
import { parsePortArgs, type PortArg } from './port-args.ts';

export interface ParsedSpec {
  target: ForwardTarget;
  ports: PortArg[];
  addresses: ListenAddress[];
}

/** Throws KubeDeskError('invalid-input', <kubectl's text>). */
export function parseSpec(spec: Pick<ForwardSpec, 'target' | 'ports' | 'addresses'>): ParsedSpec {
  return {
    target: parseForwardTarget(spec.target),
    ports: parsePortArgs(spec.ports),
    addresses: parseListenAddresses(spec.addresses.length > 0 ? spec.addresses : DEFAULT_ADDRESSES),
  };
}

/** Fills defaults and canonicalises the target (`service/x` → `svc/x`); validates. */
export function normalizeSpec(input: ForwardSpecInput, defaultNamespace: string): ForwardSpec {
  const spec: ForwardSpec = {
    context: input.context,
    namespace: input.namespace || defaultNamespace,
    target: input.target,
    ports: [...input.ports],
    addresses: input.addresses && input.addresses.length > 0 ? [...input.addresses] : [...DEFAULT_ADDRESSES],
    spread: input.spread ?? false,
    autostart: input.autostart ?? false,
  };
  const parsed = parseSpec(spec);
  spec.target = formatForwardTarget(parsed.target);
  return spec;
}
