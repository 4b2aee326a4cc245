import { describe, expect, it } from 'vitest';
import type { ServiceDetail, ServiceSummary } from '../../../../electron/shared/ipc-contract.ts';
import {
  deploymentOfPod,
  namespaceOptions,
  portOptions,
  targetOptions,
} from '../../../../renderer/src/lib/components/shell/forward-choices.ts';
import { serviceSummary } from '../../../fakes/fake-kubedesk-client.ts';

const web = serviceSummary('shop', 'web');
const db = serviceSummary('data', 'db', {
  ports: [
    { name: '', port: 5432, targetPort: 5432, protocol: 'TCP', nodePort: null },
    { name: 'metrics', port: 9187, targetPort: 'metrics', protocol: 'TCP', nodePort: null },
    { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP', nodePort: null },
  ],
});
const services: ServiceSummary[] = [web, db];

function detail(service: ServiceSummary, pods: string[]): ServiceDetail {
  return {
    context: 'demo',
    service,
    ways: [],
    pods: pods.map((name) => ({ name, ip: '10.244.0.5', ready: true, node: 'n1', reason: null })),
  };
}
const details = [detail(web, ['web-5d8f7c9b6d-x2k4q', 'web-5d8f7c9b6d-7bqzn']), detail(db, ['db-0'])];

describe('deploymentOfPod', () => {
  it('strips the ReplicaSet hash and the pod suffix a Deployment gives its pods', () => {
    expect(deploymentOfPod('web-5d8f7c9b6d-x2k4q')).toBe('web');
    expect(deploymentOfPod('shop-api-6f9c8d7b5c-zz9xb')).toBe('shop-api');
  });
  it('says null for pods not made by a Deployment (StatefulSet ordinals, bare pods)', () => {
    expect(deploymentOfPod('db-0')).toBeNull();
    expect(deploymentOfPod('debug')).toBeNull();
    expect(deploymentOfPod('web-5d8f7c9b6d-AAAAA')).toBeNull();
  });
});

describe('the New forward pickers', () => {
  it('offers namespaces with their service counts, sorted', () => {
    expect(namespaceOptions(services).map((o) => `${o.value} ${o.detail}`)).toEqual(['data 1 service', 'shop 1 service']);
  });

  it("offers a namespace's services, then the deployments and pods behind them, in kubectl's words", () => {
    expect(targetOptions(services, details, 'shop').map((o) => o.value)).toEqual([
      'svc/web',
      'deploy/web',
      'pod/web-5d8f7c9b6d-x2k4q',
      'pod/web-5d8f7c9b6d-7bqzn',
    ]);
    const all = targetOptions(services, details, '');
    expect(all.map((o) => o.value)).toEqual(expect.arrayContaining(['svc/web', 'svc/db', 'pod/db-0']));
    expect(all.find((o) => o.value === 'svc/db')!.namespace).toBe('data');
  });

  it("offers a service's TCP ports, and for a pod or deployment the container ports its services send to", () => {
    expect(portOptions(services, details, 'data', 'svc/db').map((o) => o.value)).toEqual([':5432', ':9187']);
    expect(portOptions(services, details, 'shop', 'service/web').map((o) => `${o.value} ${o.label}`)).toEqual([':80 80 (http)']);
    expect(portOptions(services, details, 'shop', 'deploy/web').map((o) => o.value)).toEqual([':8080']);
    expect(portOptions(services, details, 'shop', 'pod/web-5d8f7c9b6d-x2k4q').map((o) => o.value)).toEqual([':8080']);
    expect(portOptions(services, details, 'data', 'db-0').map((o) => `${o.value} ${o.detail}`)).toEqual([
      ':5432 container port · svc/db 5432',
      ':metrics named container port · svc/db 9187',
    ]);
    expect(portOptions(services, details, 'shop', 'svc/')).toEqual([]);
    expect(portOptions(services, details, 'shop', 'svc/nope')).toEqual([]);
  });

  it('offers a container port once, naming every service that sends to it', () => {
    const front = serviceSummary('shop', 'front', {
      ports: [{ name: 'http', port: 8000, targetPort: 8080, protocol: 'TCP', nodePort: null }],
    });
    const both = [...details, detail(front, ['web-5d8f7c9b6d-x2k4q'])];
    expect(portOptions([...services, front], both, 'shop', 'deploy/web').map((o) => `${o.value} ${o.detail}`)).toEqual([
      ':8080 container port · svc/front 8000, svc/web 80',
    ]);
  });
});
