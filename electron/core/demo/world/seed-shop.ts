// Namespace `shop`: the web Deployment (with a headless and a LoadBalancer service beside its
// own), a two-port API, a TCP echo NodePort and a slow stream, then what is broken in it
// (seed-shop-faults.ts).
import { DEMO_API, DEMO_ECHO, DEMO_HEADLESS, DEMO_STOREFRONT, DEMO_TICKER, DEMO_WEB } from '../demo-names.ts';
import { addApp } from './app-builder.ts';
import { workerNames } from './node-builder.ts';
import { seedShopFaults } from './seed-shop-faults.ts';
import { addService } from './service-builder.ts';
import { DAY, HOUR, type WorldContext } from './world-context.ts';

export function seedShop(w: WorldContext): void {
  const workers = workerNames();
  addApp(w, {
    namespace: 'shop',
    name: DEMO_WEB.name,
    rsHash: DEMO_WEB.podPrefix.slice(DEMO_WEB.name.length + 1, -1),
    replicas: DEMO_WEB.replicas,
    age: 2 * DAY,
    labels: { app: 'web', tier: 'frontend' },
    selector: { ...DEMO_WEB.selector },
    containers: [
      {
        name: 'web',
        image: 'ghcr.io/kubedesk/demo-web:1.4.2',
        ports: [{ name: DEMO_WEB.portName, containerPort: DEMO_WEB.containerPort, protocol: 'TCP' }],
      },
    ],
    backends: [{ containerPort: DEMO_WEB.containerPort, kind: 'web' }],
    nodes: workers,
    suffixes: ['x7k2p', 'q9m4z'],
  });
  addService(w, {
    namespace: 'shop',
    name: DEMO_WEB.service,
    age: 2 * DAY,
    labels: { app: 'web' },
    selector: { ...DEMO_WEB.selector },
    ports: [{ name: DEMO_WEB.portName, port: DEMO_WEB.servicePort, targetPort: DEMO_WEB.portName }],
  });
  addService(w, {
    namespace: DEMO_HEADLESS.namespace,
    name: DEMO_HEADLESS.service,
    age: 2 * DAY,
    labels: { app: 'web' },
    clusterIP: 'None',
    selector: { ...DEMO_WEB.selector },
    ports: [{ name: 'http', port: DEMO_WEB.servicePort, targetPort: DEMO_WEB.containerPort }],
  });
  addService(w, {
    namespace: 'shop',
    name: DEMO_STOREFRONT.service,
    age: 2 * DAY,
    labels: { app: 'web' },
    type: 'LoadBalancer',
    selector: { ...DEMO_WEB.selector },
    ports: [{ name: 'http', port: DEMO_STOREFRONT.servicePort, targetPort: DEMO_WEB.portName, nodePort: DEMO_STOREFRONT.nodePort }],
    ingressIP: DEMO_STOREFRONT.ingressIP,
  });
  addApp(w, {
    namespace: 'shop',
    name: DEMO_API.name,
    rsHash: DEMO_API.podPrefix.slice(DEMO_API.name.length + 1, -1),
    replicas: 1,
    age: 2 * DAY - HOUR,
    labels: { app: 'api', tier: 'backend' },
    selector: { ...DEMO_API.selector },
    containers: [
      {
        name: 'api',
        image: 'ghcr.io/kubedesk/demo-api:2.1.0',
        ports: [
          { name: 'http', containerPort: DEMO_API.ports.http.containerPort, protocol: 'TCP' },
          { name: 'metrics', containerPort: DEMO_API.ports.metrics.containerPort, protocol: 'TCP' },
        ],
      },
    ],
    backends: [
      { containerPort: DEMO_API.ports.http.containerPort, kind: 'api' },
      { containerPort: DEMO_API.ports.metrics.containerPort, kind: 'metrics' },
    ],
    nodes: [workers[1]!],
    suffixes: ['m3n8r'],
  });
  addService(w, {
    namespace: 'shop',
    name: DEMO_API.service,
    age: 2 * DAY - HOUR,
    labels: { app: 'api' },
    selector: { ...DEMO_API.selector },
    ports: [
      { name: 'http', port: DEMO_API.ports.http.port, targetPort: 'http' },
      { name: 'metrics', port: DEMO_API.ports.metrics.port, targetPort: 'metrics' },
    ],
  });
  addApp(w, {
    namespace: 'shop',
    name: DEMO_ECHO.name,
    rsHash: DEMO_ECHO.podPrefix.slice(DEMO_ECHO.name.length + 1, -1),
    replicas: 1,
    age: 30 * HOUR,
    labels: { app: 'echo' },
    selector: { ...DEMO_ECHO.selector },
    containers: [
      {
        name: 'echo',
        image: 'ghcr.io/kubedesk/tcp-echo:1.0.0',
        ports: [{ name: DEMO_ECHO.portName, containerPort: DEMO_ECHO.containerPort, protocol: 'TCP' }],
      },
    ],
    backends: [{ containerPort: DEMO_ECHO.containerPort, kind: 'echo' }],
    nodes: [workers[0]!],
    suffixes: ['h2k4n'],
  });
  addService(w, {
    namespace: 'shop',
    name: DEMO_ECHO.service,
    age: 30 * HOUR,
    labels: { app: 'echo' },
    type: 'NodePort',
    selector: { ...DEMO_ECHO.selector },
    ports: [{ name: DEMO_ECHO.portName, port: DEMO_ECHO.servicePort, targetPort: DEMO_ECHO.portName, nodePort: DEMO_ECHO.nodePort }],
  });
  addApp(w, {
    namespace: 'shop',
    name: DEMO_TICKER.name,
    rsHash: DEMO_TICKER.podPrefix.slice(DEMO_TICKER.name.length + 1, -1),
    replicas: 1,
    age: 20 * HOUR,
    labels: { app: 'ticker' },
    selector: { ...DEMO_TICKER.selector },
    containers: [
      {
        name: 'ticker',
        image: 'ghcr.io/kubedesk/ticker:0.3.1',
        ports: [{ name: DEMO_TICKER.portName, containerPort: DEMO_TICKER.containerPort, protocol: 'TCP' }],
      },
    ],
    backends: [{ containerPort: DEMO_TICKER.containerPort, kind: 'ticker' }],
    nodes: [workers[1]!],
    suffixes: ['c5j9t'],
  });
  addService(w, {
    namespace: 'shop',
    name: DEMO_TICKER.service,
    age: 20 * HOUR,
    labels: { app: 'ticker' },
    selector: { ...DEMO_TICKER.selector },
    ports: [{ name: 'http', port: 80, targetPort: 'http' }],
  });
  seedShopFaults(w, workers);
}
