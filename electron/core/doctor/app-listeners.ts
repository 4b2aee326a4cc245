// The app's answer to the doctor's `local` hop (docs/doctor.md, local): which of KubeDesk's own
// listeners lead to a service port: the context's API proxy (it serves every service through the
// apiserver's service proxy), a forward to the service (svc/NAME) and a service gateway.
import type { ForwardInfo } from '../../shared/contract/forward.ts';
import type { ProxyInfo } from '../../shared/contract/proxy.ts';
import type { GatewayInfo } from '../../shared/contract/services.ts';
import type { LocalListener, LocalListeners, LocalTarget } from './service-reach.ts';

export interface AppListenerSources {
  proxies: () => ProxyInfo[];
  forwards: () => ForwardInfo[];
  gateways: () => GatewayInfo[];
}

function fromUrl(label: string, url: string): LocalListener | undefined {
  try {
    const u = new URL(url);
    return { label, host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 80) };
  } catch {
    return undefined;
  }
}

function forwardsTo(f: ForwardInfo, t: LocalTarget): boolean {
  const [kind, name] = f.spec.target.includes('/') ? f.spec.target.split('/', 2) : ['pod', f.spec.target];
  return (
    f.spec.context === t.context &&
    f.spec.namespace === t.namespace &&
    ['svc', 'service', 'services'].includes(kind ?? '') &&
    name === t.service &&
    (f.state === 'active' || f.state === 'reconnecting')
  );
}

export function appLocalListeners(src: AppListenerSources): LocalListeners {
  return (t) => {
    const out: LocalListener[] = [];
    for (const p of src.proxies()) {
      if (p.context !== t.context || p.state !== 'listening') continue;
      const l = fromUrl(`API proxy ${p.address}`, p.url);
      if (l) out.push(l);
    }
    for (const f of src.forwards()) {
      if (!forwardsTo(f, t)) continue;
      for (const b of f.bindings) {
        if (t.containerPort !== undefined && b.remote !== t.containerPort) continue;
        out.push({ label: `forward ${f.spec.target} ${b.local}->${b.remote}`, host: b.address, port: b.local });
      }
    }
    for (const g of src.gateways()) {
      const samePort = g.port === t.portName || g.port === String(t.port);
      if (g.context !== t.context || g.namespace !== t.namespace || g.service !== t.service || !samePort || g.state !== 'listening')
        continue;
      const l = fromUrl(`gateway ${g.id}`, g.url);
      if (l) out.push(l);
    }
    return out;
  };
}
