import { describe, expect, it } from 'vitest';
import { appLocalListeners } from '../../../../electron/core/doctor/app-listeners.ts';
import type { ForwardInfo } from '../../../../electron/shared/contract/forward.ts';
import type { ProxyInfo } from '../../../../electron/shared/contract/proxy.ts';
import type { GatewayInfo } from '../../../../electron/shared/contract/services.ts';

const target = { context: 'demo', namespace: 'shop', service: 'web', port: 80, portName: 'http', containerPort: 8080 };

function forward(target: string, state: ForwardInfo['state'], remote = 8080): ForwardInfo {
  return {
    id: `f-${target}`,
    spec: { context: 'demo', namespace: 'shop', target, ports: ['18080:80'], addresses: ['localhost'], spread: false, autostart: false },
    state,
    since: '',
    pod: null,
    pods: [],
    bindings: [{ address: '127.0.0.1', local: 18080, remote, url: 'http://127.0.0.1:18080/' }],
    stats: { connectionsOpen: 0, connectionsTotal: 0, bytesIn: 0, bytesOut: 0 },
    served: [],
    lastError: null,
  };
}

const proxy = (context: string, state: ProxyInfo['state']): ProxyInfo =>
  ({
    context,
    state,
    address: '127.0.0.1:8001',
    port: 8001,
    url: 'http://127.0.0.1:8001/',
    server: '',
    tokenRequired: true,
    since: '',
  }) as ProxyInfo;

const gateway = (port: string, state: GatewayInfo['state']): GatewayInfo =>
  ({
    id: `demo/shop/web:${port}`,
    context: 'demo',
    namespace: 'shop',
    service: 'web',
    port,
    via: 'api-proxy',
    state,
    url: 'http://127.0.0.1:40001/',
  }) as GatewayInfo;

describe('appLocalListeners', () => {
  it("lists the context's API proxy, the service's running forwards to that port, and its gateways", () => {
    const listeners = appLocalListeners({
      proxies: () => [proxy('demo', 'listening'), proxy('other', 'listening'), proxy('demo', 'stopped')],
      forwards: () => [
        forward('svc/web', 'active'),
        forward('svc/web', 'stopped'),
        forward('svc/api', 'active'),
        forward('svc/web', 'active', 9090),
        forward('pod/web-1', 'active'),
      ],
      gateways: () => [gateway('http', 'listening'), gateway('metrics', 'listening'), gateway('80', 'stopped')],
    });
    expect(listeners(target)).toEqual([
      { label: 'API proxy 127.0.0.1:8001', host: '127.0.0.1', port: 8001 },
      { label: 'forward svc/web 18080->8080', host: '127.0.0.1', port: 18080 },
      { label: 'gateway demo/shop/web:http', host: '127.0.0.1', port: 40001 },
    ]);
  });
});
