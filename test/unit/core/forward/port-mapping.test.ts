import { describe, expect, it } from 'vitest';
import type { Pod, Service } from '../../../../electron/core/kube/kube-objects.ts';
import { parsePortArgs } from '../../../../electron/core/forward/port-args.ts';
import { mapPodPorts, mapServicePorts } from '../../../../electron/core/forward/port-mapping.ts';

const pod: Pod = {
  metadata: { name: 'web-abc' },
  spec: {
    containers: [
      {
        name: 'app',
        ports: [
          { name: 'http', containerPort: 8080 },
          { name: 'web-port', containerPort: 3000 },
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
        ],
      },
    ],
    initContainers: [{ name: 'init', ports: [{ name: 'setup', containerPort: 9999 }] }],
  },
  status: { phase: 'Running' },
};

function svc(
  ports: Service['spec'] extends infer S ? (S extends { ports?: infer P } ? P : never) : never,
  extra: Partial<NonNullable<Service['spec']>> = {},
): Service {
  return { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports, ...extra } };
}

const web = svc([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);

describe('pod ports (docs/port-forward.md, Arguments, convertPodNamedPortToNumber)', () => {
  it('numbers pass through; a one-part name forwards that containerPort to the same local port (conformance 29)', () => {
    expect(mapPodPorts(parsePortArgs(['9000:80', 'http', ':http']), pod)).toEqual([
      { local: 9000, remote: 80 },
      { local: 8080, remote: 8080 },
      { local: 0, remote: 8080 },
    ]);
  });

  it('finds names in initContainers too', () => {
    expect(mapPodPorts(parsePortArgs(['setup']), pod)).toEqual([{ local: 9999, remote: 9999 }]);
  });

  it("a missing name is kubectl's error", () => {
    expect(() => mapPodPorts(parsePortArgs(['nope']), pod)).toThrow("Pod 'web-abc' does not have a named port 'nope'");
  });

  it('refuses a UDP-only container port', () => {
    expect(() => mapPodPorts(parsePortArgs(['dns']), pod)).toThrow('UDP protocol is not supported for dns');
  });
});

describe('service ports: translateServicePortToTargetPort (docs/port-forward.md, Service ports)', () => {
  it('svc/web 9000:80 → 8080 through the named targetPort (conformance 31)', () => {
    expect(mapServicePorts(parsePortArgs(['9000:80']), web, pod)).toEqual([{ local: 9000, remote: 8080 }]);
  });

  it('svc/web http → local 80 (the service port), remote 8080 (conformance 31)', () => {
    expect(mapServicePorts(parsePortArgs(['http']), web, pod)).toEqual([{ local: 80, remote: 8080 }]);
  });

  it('svc/web 80 listens on 80, forwards to 8080', () => {
    expect(mapServicePorts(parsePortArgs(['80']), web, pod)).toEqual([{ local: 80, remote: 8080 }]);
  });

  it("targetPort web-port → the pod's 3000; an unknown name is the pod's error (conformance 32)", () => {
    expect(mapServicePorts(parsePortArgs(['80']), svc([{ port: 80, targetPort: 'web-port' }]), pod)).toEqual([{ local: 80, remote: 3000 }]);
    expect(() => mapServicePorts(parsePortArgs(['80']), svc([{ port: 80, targetPort: 'nope' }]), pod)).toThrow(
      "Pod 'web-abc' does not have a named port 'nope'",
    );
  });

  it('numeric targetPort, and 0/absent meaning the service port', () => {
    expect(mapServicePorts(parsePortArgs(['80']), svc([{ port: 80, targetPort: 8081 }]), pod)).toEqual([{ local: 80, remote: 8081 }]);
    expect(mapServicePorts(parsePortArgs(['80']), svc([{ port: 80, targetPort: 0 }]), pod)).toEqual([{ local: 80, remote: 80 }]);
    expect(mapServicePorts(parsePortArgs(['80']), svc([{ port: 80 }]), pod)).toEqual([{ local: 80, remote: 80 }]);
  });

  it("unknown number and unknown name are kubectl's errors (conformance 33)", () => {
    expect(() => mapServicePorts(parsePortArgs(['81']), web, pod)).toThrow('Service web does not have a service port 81');
    expect(() => mapServicePorts(parsePortArgs(['https']), web, pod)).toThrow("Service 'web' does not have a named port 'https'");
  });

  it('a headless service forwards the port as given (conformance 34)', () => {
    expect(mapServicePorts(parsePortArgs(['80']), svc([{ port: 80, targetPort: 8080 }], { clusterIP: 'None' }), pod)).toEqual([
      { local: 80, remote: 80 },
    ]);
  });

  it('refuses a UDP-only service port, not one that is also TCP (conformance 35)', () => {
    const dns = svc([
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'metrics', port: 9153, protocol: 'TCP' },
    ]);
    expect(() => mapServicePorts(parsePortArgs(['53']), dns, pod)).toThrow('UDP protocol is not supported for 53');
    const both = svc([
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ]);
    expect(mapServicePorts(parsePortArgs(['53']), both, pod)).toEqual([{ local: 53, remote: 53 }]);
  });
});
