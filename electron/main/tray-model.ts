// What the tray menu shows for the running forwards, proxies and service gateways, as plain data;
// tray.ts turns it into an Electron Menu and runs the chosen action (docs/desktop.md, Tray).
import type { MenuItemConstructorOptions } from 'electron';
import type { ForwardInfo } from '../shared/contract/forward.ts';
import type { ProxyInfo } from '../shared/contract/proxy.ts';
import type { GatewayInfo } from '../shared/contract/services.ts';

export type TrayAction =
  | { kind: 'show-window' }
  | { kind: 'quit' }
  | { kind: 'open-url'; url: string }
  | { kind: 'forward-start'; id: string }
  | { kind: 'forward-stop'; id: string }
  | { kind: 'forward-stop-all' }
  | { kind: 'proxy-open'; context: string }
  | { kind: 'proxy-stop'; context: string }
  | { kind: 'gateway-stop'; id: string };

export type TrayItem =
  | { type: 'separator' }
  | { type: 'header'; label: string }
  | { type: 'action'; label: string; action: TrayAction }
  | { type: 'submenu'; label: string; items: TrayItem[] };

export interface TraySnapshot {
  forwards: readonly ForwardInfo[];
  proxies: readonly ProxyInfo[];
  gateways: readonly GatewayInfo[];
}

const RUNNING: ReadonlySet<ForwardInfo['state']> = new Set(['starting', 'active', 'reconnecting']);

function forwardLabel(f: ForwardInfo): string {
  const ports = f.bindings.length > 0 ? f.bindings.map((b) => `${b.local}→${b.remote}`).join(', ') : f.spec.ports.join(', ');
  const state = f.state === 'active' ? '' : f.reason ? ` (${f.state}: ${f.reason})` : ` (${f.state})`;
  return `${f.spec.context} · ${f.spec.namespace}/${f.spec.target} ${ports}${state}`;
}

function forwardItem(f: ForwardInfo): TrayItem {
  const items: TrayItem[] = [];
  if (f.state === 'active') {
    for (const b of f.bindings) items.push({ type: 'action', label: `Open ${b.url}`, action: { kind: 'open-url', url: b.url } });
  }
  items.push(
    RUNNING.has(f.state)
      ? { type: 'action', label: 'Stop', action: { kind: 'forward-stop', id: f.id } }
      : { type: 'action', label: 'Start', action: { kind: 'forward-start', id: f.id } },
  );
  return { type: 'submenu', label: forwardLabel(f), items };
}

function proxyItem(p: ProxyInfo): TrayItem {
  return {
    type: 'submenu',
    label: `${p.context} · ${p.address}`,
    items: [
      { type: 'action', label: 'Open in browser', action: { kind: 'proxy-open', context: p.context } },
      { type: 'action', label: 'Stop', action: { kind: 'proxy-stop', context: p.context } },
    ],
  };
}

function gatewayItem(g: GatewayInfo): TrayItem {
  return {
    type: 'submenu',
    label: `${g.context} · ${g.namespace}/${g.service}:${g.port}`,
    items: [
      { type: 'action', label: `Open ${g.url}`, action: { kind: 'open-url', url: g.url } },
      { type: 'action', label: 'Stop', action: { kind: 'gateway-stop', id: g.id } },
    ],
  };
}

const byLabel = (a: { label: string }, b: { label: string }): number => a.label.localeCompare(b.label);

/** Saved forwards (running or not, so one click starts them), then listening proxies and gateways. */
export function trayMenu(s: TraySnapshot): TrayItem[] {
  const items: TrayItem[] = [{ type: 'action', label: 'Show KubeDesk', action: { kind: 'show-window' } }, { type: 'separator' }];
  items.push({ type: 'header', label: s.forwards.length > 0 ? 'Forwards' : 'No saved forwards' });
  items.push(...s.forwards.map(forwardItem).sort((a, b) => byLabel(a as { label: string }, b as { label: string })));
  const proxies = s.proxies.filter((p) => p.state === 'listening');
  if (proxies.length > 0) items.push({ type: 'separator' }, { type: 'header', label: 'API proxies' }, ...proxies.map(proxyItem));
  const gateways = s.gateways.filter((g) => g.state === 'listening');
  if (gateways.length > 0) items.push({ type: 'separator' }, { type: 'header', label: 'Service gateways' }, ...gateways.map(gatewayItem));
  items.push({ type: 'separator' });
  if (s.forwards.some((f) => RUNNING.has(f.state)))
    items.push({ type: 'action', label: 'Stop all forwards', action: { kind: 'forward-stop-all' } });
  items.push({ type: 'action', label: 'Quit KubeDesk', action: { kind: 'quit' } });
  return items;
}

/** The tray icon's tooltip: counts, with failures first. */
export function trayTooltip(s: TraySnapshot): string {
  const failed = s.forwards.filter((f) => f.state === 'failed').length;
  const active = s.forwards.filter((f) => f.state === 'active').length;
  const parts = [`${active} forward${active === 1 ? '' : 's'} active`];
  if (failed > 0) parts.unshift(`${failed} failed`);
  const proxies = s.proxies.filter((p) => p.state === 'listening').length;
  if (proxies > 0) parts.push(`${proxies} prox${proxies === 1 ? 'y' : 'ies'}`);
  const gateways = s.gateways.filter((g) => g.state === 'listening').length;
  if (gateways > 0) parts.push(`${gateways} gateway${gateways === 1 ? '' : 's'}`);
  return `KubeDesk: ${parts.join(', ')}`;
}

/** The model as an Electron menu template; a click runs the item's action. */
export function toMenuTemplate(items: readonly TrayItem[], run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'header':
        return { label: item.label, enabled: false };
      case 'action':
        return { label: item.label, click: () => run(item.action) };
      case 'submenu':
        return { label: item.label, submenu: toMenuTemplate(item.items, run) };
    }
  });
}
