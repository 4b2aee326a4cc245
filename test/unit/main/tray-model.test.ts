import { describe, expect, it } from 'vitest';
import { toMenuTemplate, trayMenu, trayTooltip, type TrayAction, type TrayItem } from '../../../electron/main/tray-model.ts';
import type { ForwardInfo } from '../../../electron/shared/contract/forward.ts';
import type { ProxyInfo } from '../../../electron/shared/contract/proxy.ts';
import type { GatewayInfo } from '../../../electron/shared/contract/services.ts';

const STATS = { connectionsOpen: 0, connectionsTotal: 0, bytesIn: 0, bytesOut: 0 };

function forward(id: string, state: ForwardInfo['state'], extra: Partial<ForwardInfo> = {}): ForwardInfo {
  return {
    id,
    spec: {
      context: 'demo',
      namespace: 'shop',
      target: `svc/${id}`,
      ports: ['8080:80'],
      addresses: ['localhost'],
      spread: false,
      autostart: false,
    },
    state,
    since: '2026-01-01T00:00:00Z',
    pod: null,
    pods: [],
    bindings: state === 'active' ? [{ address: '127.0.0.1', local: 8080, remote: 80, url: 'http://127.0.0.1:8080/' }] : [],
    stats: STATS,
    served: [],
    lastError: null,
    ...extra,
  };
}

const proxy = (context: string, state: ProxyInfo['state']): ProxyInfo => ({
  context,
  state,
  address: '127.0.0.1:8001',
  port: 8001,
  url: 'http://127.0.0.1:8001/',
  server: 'https://127.0.0.1:6443',
  tokenRequired: true,
  since: '2026-01-01T00:00:00Z',
  stats: { requests: 0, refused: 0, active: 0, upgrades: 0, bytesIn: 0, bytesOut: 0, lastError: null },
});

const gateway = (service: string, state: GatewayInfo['state']): GatewayInfo => ({
  id: `demo/shop/${service}:http`,
  context: 'demo',
  namespace: 'shop',
  service,
  port: 'http',
  via: 'api-proxy',
  state,
  url: 'http://127.0.0.1:50100/',
  since: '2026-01-01T00:00:00Z',
  idleTimeoutMs: 600_000,
  stats: { requests: 0, refused: 0, active: 0, bytesIn: 0, bytesOut: 0, lastUsed: null },
});

/** The menu as lines: `label -> action` with submenus indented, for readable expectations. */
function lines(items: readonly TrayItem[], indent = ''): string[] {
  return items.flatMap((i) => {
    if (i.type === 'separator') return [`${indent}---`];
    if (i.type === 'header') return [`${indent}[${i.label}]`];
    if (i.type === 'action') return [`${indent}${i.label} -> ${JSON.stringify(i.action)}`];
    return [`${indent}${i.label}`, ...lines(i.items, `${indent}  `)];
  });
}

describe('tray menu', () => {
  it('with nothing saved, offers the window and Quit only', () => {
    expect(lines(trayMenu({ forwards: [], proxies: [], gateways: [] }))).toEqual([
      'Show KubeDesk -> {"kind":"show-window"}',
      '---',
      '[No saved forwards]',
      '---',
      'Quit KubeDesk -> {"kind":"quit"}',
    ]);
  });

  it('lists saved forwards with Open per binding when active, Stop when running, Start when not, and the failure reason', () => {
    const menu = trayMenu({
      forwards: [
        forward('web', 'active'),
        forward('api', 'failed', { reason: 'credentials refused (401)' }),
        forward('db', 'reconnecting'),
      ],
      proxies: [],
      gateways: [],
    });
    expect(lines(menu)).toEqual([
      'Show KubeDesk -> {"kind":"show-window"}',
      '---',
      '[Forwards]',
      'demo · shop/svc/api 8080:80 (failed: credentials refused (401))',
      '  Start -> {"kind":"forward-start","id":"api"}',
      'demo · shop/svc/db 8080:80 (reconnecting)',
      '  Stop -> {"kind":"forward-stop","id":"db"}',
      'demo · shop/svc/web 8080→80',
      '  Open http://127.0.0.1:8080/ -> {"kind":"open-url","url":"http://127.0.0.1:8080/"}',
      '  Stop -> {"kind":"forward-stop","id":"web"}',
      '---',
      'Stop all forwards -> {"kind":"forward-stop-all"}',
      'Quit KubeDesk -> {"kind":"quit"}',
    ]);
  });

  it('shows listening proxies and service gateways with Open and Stop; stopped ones are left out', () => {
    const menu = trayMenu({
      forwards: [forward('web', 'stopped')],
      proxies: [proxy('demo', 'listening'), proxy('prod', 'stopped')],
      gateways: [gateway('web', 'listening'), gateway('api', 'stopped')],
    });
    expect(lines(menu).slice(3)).toEqual([
      'demo · shop/svc/web 8080:80 (stopped)',
      '  Start -> {"kind":"forward-start","id":"web"}',
      '---',
      '[API proxies]',
      'demo · 127.0.0.1:8001',
      '  Open in browser -> {"kind":"proxy-open","context":"demo"}',
      '  Stop -> {"kind":"proxy-stop","context":"demo"}',
      '---',
      '[Service gateways]',
      'demo · shop/web:http',
      '  Open http://127.0.0.1:50100/ -> {"kind":"open-url","url":"http://127.0.0.1:50100/"}',
      '  Stop -> {"kind":"gateway-stop","id":"demo/shop/web:http"}',
      '---',
      'Quit KubeDesk -> {"kind":"quit"}',
    ]);
  });

  it('sums the state up in the tooltip, failures first', () => {
    expect(trayTooltip({ forwards: [], proxies: [], gateways: [] })).toBe('KubeDesk: 0 forwards active');
    expect(
      trayTooltip({
        forwards: [forward('a', 'active'), forward('b', 'failed')],
        proxies: [proxy('demo', 'listening')],
        gateways: [gateway('web', 'listening'), gateway('api', 'listening')],
      }),
    ).toBe('KubeDesk: 1 failed, 1 forward active, 1 proxy, 2 gateways');
  });

  it('becomes an Electron menu template whose clicks run the item actions', () => {
    const ran: TrayAction[] = [];
    const template = toMenuTemplate(trayMenu({ forwards: [forward('web', 'active')], proxies: [], gateways: [] }), (a) => void ran.push(a));
    expect(template[2]).toEqual({ label: 'Forwards', enabled: false });
    const sub = template[3]?.submenu as Array<{ label: string; click(): void }>;
    sub[0]?.click();
    template.at(-1)?.click?.({} as never, undefined, {} as never);
    expect(ran).toEqual([{ kind: 'open-url', url: 'http://127.0.0.1:8080/' }, { kind: 'quit' }]);
  });
});
