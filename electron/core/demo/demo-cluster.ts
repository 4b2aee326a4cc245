// The built-in demo cluster: an in-process Kubernetes API server on 127.0.0.1 that real
// kubectl and @kubernetes/client-node accept (TLS with its own CA, token/basic/client-cert
// authentication, discovery, list/watch/get and writes, Table output, SelfSubjectReview), with
// the service/pod proxy and port-forward (WebSocket, SPDY/3.1, SPDY-over-WebSocket) reaching
// real local backends, a small realistic world, and chaos controls for tests.
import { randomBytes } from 'node:crypto';
import { KubeDeskError } from '../errors.ts';
import { silentLogger, type Logger } from '../log.ts';
import { R } from './api-resources.ts';
import { createApiRouter, type RequestRecord } from './api-router.ts';
import { ApiserverListener, BlackholeListener } from './apiserver-listener.ts';
import { BackendRegistry } from './backends.ts';
import { createChaos, type DemoChaos } from './chaos.ts';
import type { DeniedAccess } from './demo-auth.ts';
import { createDemoPki, type ServerCertFault } from './demo-certs.ts';
import { demoKubeconfigYaml, writeDemoKubeconfig, type DemoCredentials } from './demo-kubeconfig.ts';
import { DEMO_APISERVER_ADDRESSES, DEMO_APISERVER_PORT, DEMO_NODES } from './demo-names.ts';
import { buildDemoWorld } from './demo-world.ts';
import { EndpointsController } from './endpoints-controller.ts';
import { ClusterIpAllocator, NodePortAllocator } from './ip-allocator.ts';
import type { Service } from '../kube/kube-objects.ts';
import { ObjectStore } from './object-store.ts';
import { PodFactory } from './pod-factory.ts';
import { PodLifecycle } from './pod-lifecycle.ts';
import { PodLogs } from './pod-logs.ts';
import { PortForwardSessions } from './portforward-sessions.ts';
import { ResourceHandlers } from './resource-handlers.ts';
import { ServiceProxy } from './service-proxy.ts';
import { UpgradeRouter } from './upgrade-router.ts';
import { WatchHub } from './watch-hub.ts';

export * from './demo-names.ts';
export type { DemoChaos } from './chaos.ts';
export type { RequestRecord } from './api-router.ts';

export interface DemoClusterOptions {
  /** 0 (default) = the OS picks. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Extra services in namespace `bulk` (`svc-00001` …) for scale tests. */
  services?: number;
  /** Initial per-request latency (chaos.setLatency changes it). */
  latencyMs?: number;
  log?: Logger;
  /** Broken on purpose, for the connection doctor's tests (docs/doctor.md, Demo faults). Off by default. */
  faults?: DemoFaults;
}

export interface DemoFaults {
  /** The apiserver's serving certificate is expired, not yet valid, or issued for other names. */
  serverCert?: ServerCertFault;
  /** SelfSubjectAccessReview answers allowed:false for these (e.g. create pods/portforward). */
  deny?: readonly DeniedAccess[];
  /** Also open a port that accepts nothing and drops SYNs (`blackholeUrl`). */
  blackhole?: boolean;
}

export interface DemoCluster {
  /** https://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly caPem: string;
  readonly credentials: DemoCredentials;
  /** Contexts `demo` (token, current), `demo-basic`, `demo-cert`; certificate-authority-data. */
  kubeconfigYaml(): string;
  /** Writes DIR/kubeconfig (mode 0600) and returns its path. */
  writeKubeconfig(dir: string): Promise<string>;
  readonly chaos: DemoChaos;
  /** Requests the apiserver has seen (newest last, capped), for "the apiserver saw none of them". */
  readonly requestLog: ReadonlyArray<RequestRecord>;
  /** With `faults.blackhole`: https://HOST:PORT of a port where every connect times out. */
  readonly blackholeUrl?: string | undefined;
  /** Closes every listener, connection, timer and backend. Idempotent. */
  dispose(): Promise<void>;
}

const REQUEST_LOG_CAP = 20_000;

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startDemoCluster(opts: DemoClusterOptions = {}): Promise<DemoCluster> {
  const log = opts.log ?? silentLogger;
  const host = opts.host ?? '127.0.0.1';
  const services = Math.max(0, Math.floor(opts.services ?? 0));
  const faults = opts.faults ?? {};
  const pki = await createDemoPki({ serverCert: faults.serverCert });
  const dashboardTls = await pki.issue({
    commonName: 'kubernetes-dashboard',
    dns: ['kubernetes-dashboard', 'kubernetes-dashboard.kube-system.svc'],
  });
  const credentials: DemoCredentials = {
    token: randomBytes(32).toString('base64url'),
    username: 'demo',
    password: randomBytes(18).toString('base64url'),
    clientCertPem: pki.clientCertPem,
    clientKeyPem: pki.clientKeyPem,
  };
  // Hide the secrets from JSON.stringify and util.inspect of the credentials object.
  Object.defineProperty(credentials, 'toJSON', {
    value: () => ({
      token: '[redacted]',
      username: credentials.username,
      password: '[redacted]',
      clientCertPem: '[certificate]',
      clientKeyPem: '[redacted]',
    }),
    enumerable: false,
  });
  Object.defineProperty(credentials, Symbol.for('nodejs.util.inspect.custom'), { value: () => '[DemoCredentials]', enumerable: false });

  const store = new ObjectStore();
  const factory = new PodFactory(DEMO_NODES, () => new Date());
  const clusterIps = new ClusterIpAllocator();
  const nodePorts = new NodePortAllocator();
  const world = buildDemoWorld({ store, factory, now: new Date(), services, clusterIps, nodePorts });
  const zoneOf = (node: string | undefined): string | undefined => DEMO_NODES.find((n) => n.name === node)?.zone;
  const endpoints = new EndpointsController(store, zoneOf);
  for (const svc of store.list(R.services) as Service[]) endpoints.sync(svc, { quiet: true });
  endpoints.start();

  const logs = new PodLogs();
  const backends = new BackendRegistry({ tls: dashboardTls, onLog: (ns, pod, line) => logs.append(ns, pod, line), log });
  const forwards = new PortForwardSessions();
  const hub = new WatchHub(store);
  const proxy = new ServiceProxy(store, backends);
  const lifecycle = new PodLifecycle({ store, factory, backends, apps: world.apps, logs, forwards });
  const resources = new ResourceHandlers({ store, hub, lifecycle, logs, factory, clusterIps, nodePorts, now: () => new Date() });
  let latency = Math.max(0, opts.latencyMs ?? 0);
  const requestLog: RequestRecord[] = [];
  const record = (r: RequestRecord): void => {
    requestLog.push(r);
    if (requestLog.length > REQUEST_LOG_CAP) requestLog.splice(0, requestLog.length - REQUEST_LOG_CAP);
  };
  const secrets = { token: credentials.token, username: credentials.username, password: credentials.password, deny: faults.deny };
  const router = createApiRouter({ secrets, resources, proxy, latencyMs: () => latency, record, log });
  const upgrades = new UpgradeRouter({ secrets, latencyMs: () => latency, record, store, backends, forwards, proxy, log });
  const listener = new ApiserverListener({
    host,
    port: opts.port ?? 0,
    tls: { certPem: pki.serverCertPem, keyPem: pki.serverKeyPem, caPem: pki.caPem },
    onRequest: router,
    onUpgrade: (req, socket, head) => upgrades.handle(req, socket, head),
    log,
  });

  let blackhole: BlackholeListener | undefined;
  let disposing: Promise<void> | undefined;
  const dispose = (): Promise<void> => {
    disposing ??= (async () => {
      await blackhole?.dispose();
      await listener.dispose();
      upgrades.dispose();
      hub.dispose();
      proxy.dispose();
      forwards.closeAll('the demo cluster stopped');
      endpoints.stop();
      await backends.dispose();
      log.info('demo cluster stopped', { port: listener.port });
    })();
    return disposing;
  };

  try {
    await Promise.all(world.podBackends.map((b) => backends.startPod(b.namespace, b.pod, b.ip, b.specs)));
    for (const b of world.podBackends)
      logs.append(b.namespace, b.pod, `${new Date().toISOString()} listening on ${b.specs.map((s) => s.containerPort).join(', ')}`);
    await listener.listen();
    if (faults.blackhole) blackhole = await BlackholeListener.start(host);
  } catch (err) {
    await dispose();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new KubeDeskError('invalid-input', `cannot listen on ${hostForUrl(host)}:${opts.port ?? 0}: address already in use`, {
        cause: err,
      });
    if (code === 'EADDRNOTAVAIL' || code === 'EACCES')
      throw new KubeDeskError('invalid-input', `cannot listen on ${hostForUrl(host)}:${opts.port ?? 0}: ${code}`, { cause: err });
    throw err;
  }
  const port = listener.port;
  for (const ip of DEMO_APISERVER_ADDRESSES) backends.alias(ip, DEMO_APISERVER_PORT, { host, port });
  const url = `https://${hostForUrl(host)}:${port}`;
  log.info('demo cluster started', { host, port, services });

  const chaos = createChaos({
    store,
    lifecycle,
    refuse: (seconds) => {
      log.info('demo apiserver refusing connections', { seconds });
      listener.refuse(seconds);
      hub.closeAll();
    },
    setLatency: (ms) => {
      latency = ms;
    },
  });

  return {
    url,
    port,
    caPem: pki.caPem,
    credentials,
    kubeconfigYaml: () => demoKubeconfigYaml(url, pki.caPem, credentials),
    writeKubeconfig: (dir) => writeDemoKubeconfig(dir, demoKubeconfigYaml(url, pki.caPem, credentials)),
    chaos,
    requestLog,
    blackholeUrl: blackhole ? `https://${hostForUrl(host)}:${blackhole.port}` : undefined,
    dispose,
  };
}
