// The service path's last three hops (docs/doctor.md, Service path): the apiserver's service proxy
// reaches a backend (GET through `…/services/NAME:PORT/proxy/`), a port-forward to the chosen pod
// accepts a connection (the forward's own probe, forward/tunnel-probe.ts), and a KubeDesk proxy or
// forward for the service is listening on this machine.
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { TunnelError } from '../forward/tunnel-open.ts';
import { probeTunnel } from '../forward/tunnel-probe.ts';
import { serviceProxyPath } from '../services/proxy-url.ts';
import { HopFailure, ok, skipped, type HopOutcome } from './hop-runner.ts';
import { dial } from './network-hops.ts';
import { rawRequest, statusMessage } from './raw-request.ts';
import type { ServiceWalk } from './service-hops.ts';

/** A local listener KubeDesk runs for a service: a forward, a service gateway, a proxy. */
export interface LocalListener {
  /** `forward shop/web 8080`, `gateway …`: one line for the detail. */
  label: string;
  host: string;
  port: number;
}

export interface LocalTarget {
  context: string;
  namespace: string;
  service: string;
  /** The service port: its number and its name ('' when unnamed). */
  port: number;
  portName: string;
  /** The container port it leads to, when the target-port hop resolved it. */
  containerPort?: number | undefined;
}

/** The face's running proxies, forwards and gateways for one service port (the CLI has none). */
export type LocalListeners = (target: LocalTarget) => LocalListener[];

export async function serviceProxyHop(conn: ClusterConnection, w: ServiceWalk, signal: AbortSignal): Promise<HopOutcome> {
  const sp = w.port!;
  const path = serviceProxyPath({ namespace: w.namespace, service: { ...w.ref, port: sp.name || String(sp.port) } });
  const answer = await rawRequest(conn, { path, authenticate: true, maxBytes: 4096, bodyWaitMs: 1000 }, signal);
  const fromApiserver = /json/.test(String(answer.headers['content-type'] ?? '')) && /"kind"\s*:\s*"Status"/.test(answer.body);
  if (answer.status === 401 || answer.status === 403)
    throw new HopFailure(
      `${answer.status}: ${statusMessage(answer.body)}`,
      'You may not use the service proxy (get services/proxy); a port-forward may still work.',
    );
  if ((answer.status === 502 || answer.status === 503) && fromApiserver)
    throw new HopFailure(
      `${answer.status}: ${statusMessage(answer.body)}`,
      'The apiserver could not reach the backend: check that the port speaks HTTP (the service proxy only carries HTTP) and that the pod listens on it.',
    );
  return ok(`GET ${path} → HTTP ${answer.status} from the backend`);
}

export async function portForwardHop(conn: ClusterConnection, w: ServiceWalk, signal: AbortSignal): Promise<HopOutcome> {
  if (!w.pod || w.containerPort === undefined) return skipped('no pod behind the service to forward to');
  const pod = w.pod.metadata.name;
  try {
    await probeTunnel({ conn, namespace: w.namespace, pod }, [w.containerPort], signal);
  } catch (err) {
    if (signal.aborted) throw err;
    const kind = err instanceof TunnelError ? err.kind : 'unreachable';
    throw new HopFailure(
      `port-forward to ${pod}:${w.containerPort}: ${(err as Error).message}`,
      kind === 'denied'
        ? 'You may not create pods/portforward in this namespace: ask the cluster admin.'
        : kind === 'port'
          ? `Nothing in pod ${pod} listens on ${w.containerPort}: check the container's port.`
          : 'The apiserver could not open a stream to the kubelet: check the node, or a proxy that blocks WebSocket upgrades.',
    );
  }
  return ok(`pod ${pod} accepted a connection on ${w.containerPort}`);
}

export async function localHop(
  listeners: LocalListeners | undefined,
  context: string,
  w: ServiceWalk,
  signal: AbortSignal,
): Promise<HopOutcome> {
  if (!listeners) return skipped('no KubeDesk proxy or forward runs in this process (the command line starts none)');
  const found = listeners({
    context,
    namespace: w.namespace,
    service: w.ref.name,
    port: w.port!.port,
    portName: w.port!.name ?? '',
    containerPort: w.containerPort,
  });
  if (found.length === 0) return skipped(`no KubeDesk forward or gateway for ${w.namespace}/${w.ref.name}:${w.port!.port}`);
  const dead: string[] = [];
  for (const l of found) {
    try {
      (await dial(l.host, l.port, signal)).destroy();
    } catch (err) {
      if (signal.aborted) throw err;
      dead.push(`${l.label} (${l.host}:${l.port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  if (dead.length > 0) throw new HopFailure(`not listening: ${dead.join('; ')}`, 'Restart that forward or gateway in KubeDesk.');
  return ok(`listening: ${found.map((l) => `${l.label} on ${l.host}:${l.port}`).join(', ')}`);
}
