// A gateway's own port-forward (docs/service-gateway.md, Through a port-forward): a forward to
// `svc/NAME` on 127.0.0.1, local port picked by the OS, started when the gateway starts and
// removed when it stops. It lives in the app's ForwardManager (forward/forward-manager.ts), whose
// forwards are all saved, so it is added with autostart off and removed, not just stopped, on
// stop: it never autostarts and nothing is left in the list.
import type { ForwardInfo, ForwardSpecInput } from '../../../shared/ipc-contract.ts';
import { KubeDeskError } from '../../errors.ts';

export interface GatewayForwardSpec {
  context: string;
  namespace: string;
  service: string;
  /** The service port's number (the forward maps it to the pod's target port, as kubectl does). */
  port: number;
}

export interface GatewayForward {
  /** `127.0.0.1`. */
  host: string;
  port: number;
  /** Why the forward cannot carry a request now (`stopped`, `reconnecting: …`); undefined while active. */
  trouble(): string | undefined;
  /** Stops and removes the forward. Idempotent. */
  stop(): Promise<void>;
}

export interface GatewayForwards {
  startEphemeral(spec: GatewayForwardSpec, signal?: AbortSignal): Promise<GatewayForward>;
}

/** The ForwardManager's public methods this uses. */
export interface ForwardRegistry {
  add(input: ForwardSpecInput, opts?: { start?: boolean }): Promise<ForwardInfo>;
  start(id: string): Promise<ForwardInfo>;
  get(id: string): ForwardInfo;
  remove(id: string): Promise<void>;
}

const HOST = '127.0.0.1';

function troubleOf(registry: ForwardRegistry, id: string): string | undefined {
  let info: ForwardInfo;
  try {
    info = registry.get(id);
  } catch {
    return 'it was removed';
  }
  if (info.state === 'active') return undefined;
  const why = info.reason ?? info.lastError?.message;
  return why ? `it is ${info.state}: ${why}` : `it is ${info.state}`;
}

export function gatewayForwards(registry: ForwardRegistry): GatewayForwards {
  return {
    async startEphemeral(spec, signal) {
      const added = await registry.add(
        {
          context: spec.context,
          namespace: spec.namespace,
          target: `svc/${spec.service}`,
          ports: [`0:${spec.port}`],
          addresses: [HOST],
          spread: false,
          autostart: false,
        },
        { start: false },
      );
      const remove = (): Promise<void> => registry.remove(added.id).catch(() => undefined);
      let info: ForwardInfo;
      try {
        info = await registry.start(added.id);
        signal?.throwIfAborted();
      } catch (err) {
        await remove();
        if (signal?.aborted) throw new KubeDeskError('cancelled', `port-forward to service "${spec.namespace}/${spec.service}" cancelled`);
        throw err;
      }
      const binding = info.bindings.find((b) => b.address === HOST) ?? info.bindings[0];
      if (!binding) {
        await remove();
        throw new KubeDeskError('unreachable', `port-forward to service "${spec.namespace}/${spec.service}" is not listening`);
      }
      let stopped: Promise<void> | undefined;
      return {
        host: HOST,
        port: binding.local,
        trouble: () => troubleOf(registry, added.id),
        stop: () => (stopped ??= remove()),
      };
    },
  };
}
