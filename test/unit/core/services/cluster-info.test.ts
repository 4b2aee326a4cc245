import { describe, expect, it } from 'vitest';
import { clusterInfoFrom, formatClusterInfo, serverText } from '../../../../electron/core/services/cluster-info.ts';
import type { Service, ServicePort } from '../../../../electron/core/kube/kube-objects.ts';

const SERVER = 'https://10.0.0.1:6443';

function service(
  name: string,
  ports: ServicePort[],
  extra: { labels?: Record<string, string>; ingress?: Service['status'] } = {},
): Service {
  return {
    metadata: { name, namespace: 'kube-system', ...(extra.labels ? { labels: extra.labels } : {}) },
    spec: { ports },
    ...(extra.ingress ? { status: extra.ingress } : {}),
  };
}

function urlOf(s: Service): string {
  return clusterInfoFrom(SERVER, [s]).services[0]!.url;
}

describe('cluster-info rules (kubectl clusterinfo.go)', () => {
  it('names a service by its kubernetes.io/name label and links NAME:PORTNAME through the apiserver proxy', () => {
    const info = clusterInfoFrom(SERVER, [
      service('kube-dns', [{ name: 'dns', port: 53, protocol: 'UDP' }], { labels: { 'kubernetes.io/name': 'CoreDNS' } }),
    ]);
    expect(info).toEqual({
      controlPlane: SERVER,
      services: [{ name: 'CoreDNS', namespace: 'kube-system', url: `${SERVER}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy` }],
    });
  });

  it('falls back to metadata.name and links a service without ports by its bare name', () => {
    const info = clusterInfoFrom(SERVER, [service('plain', [])]);
    expect(info.services[0]).toEqual({
      name: 'plain',
      namespace: 'kube-system',
      url: `${SERVER}/api/v1/namespaces/kube-system/services/plain/proxy`,
    });
    expect(urlOf(service('unnamed', [{ port: 80 }]))).toBe(`${SERVER}/api/v1/namespaces/kube-system/services/unnamed/proxy`);
  });

  it('links a LoadBalancer by its first ingress, one http URL per port, each followed by a space', () => {
    const lb = service(
      'web',
      [
        { name: 'http', port: 80 },
        { name: 'https', port: 443 },
      ],
      {
        ingress: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }] } },
      },
    );
    expect(urlOf(lb)).toBe('http://1.2.3.4:80 http://1.2.3.4:443 ');
    const byName = service('web', [{ port: 8080 }], { ingress: { loadBalancer: { ingress: [{ hostname: 'lb.example' }] } } });
    expect(urlOf(byName)).toBe('http://lb.example:8080 ');
  });

  it('guesses https from port 443 (https:NAME: when unnamed) or a port named https', () => {
    expect(urlOf(service('dash', [{ port: 443 }]))).toBe(`${SERVER}/api/v1/namespaces/kube-system/services/https:dash:/proxy`);
    expect(urlOf(service('dash', [{ name: 'https', port: 8443 }]))).toBe(
      `${SERVER}/api/v1/namespaces/kube-system/services/https:dash:https/proxy`,
    );
    expect(urlOf(service('dash', [{ name: 'web', port: 443 }]))).toBe(
      `${SERVER}/api/v1/namespaces/kube-system/services/https:dash:web/proxy`,
    );
  });

  it('prints the server as configured: no slash added, a path kept', () => {
    expect(serverText(new URL('https://h:6443'))).toBe('https://h:6443');
    expect(serverText(new URL('https://h:6443/k8s/clusters/c1'))).toBe('https://h:6443/k8s/clusters/c1');
  });
});

describe("cluster-info's lines", () => {
  const info = clusterInfoFrom(SERVER, [service('kube-dns', [{ name: 'dns', port: 53 }], { labels: { 'kubernetes.io/name': 'CoreDNS' } })]);

  it("prints kubectl's lines without colour, ending with an empty line and the dump hint", () => {
    expect(formatClusterInfo(info, false).join('\n') + '\n').toBe(
      `Kubernetes control plane is running at ${SERVER}\n` +
        `CoreDNS is running at ${SERVER}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n` +
        "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
    expect(formatClusterInfo(info, false).join('\n')).not.toContain('\x1b');
  });

  it('colours names green and links yellow, each reset, when colour is on', () => {
    const lines = formatClusterInfo(info, true);
    expect(lines[0]).toBe(`\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33m${SERVER}\x1b[0m`);
    expect(lines[1]).toBe(
      `\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33m${SERVER}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m`,
    );
    expect(lines.slice(2)).toEqual(['', "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'."]);
  });
});
