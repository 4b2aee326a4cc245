// The tray follows a real core on the demo cluster: what it lists comes from the core's lists and
// events, and its menu actions go through the core's handlers.
import { describe, expect, it, onTestFinished } from 'vitest';
import { trayMenu, type TrayItem } from '../../../electron/main/tray-model.ts';
import { runTrayAction, TrayState } from '../../../electron/main/tray-state.ts';
import type { TraySnapshot } from '../../../electron/main/tray-model.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';
import { demoCore } from './desktop-support.ts';

const env = demoEnvForSuite();
const never = new AbortController().signal;

const labels = (items: readonly TrayItem[]): string[] =>
  items.flatMap((i) =>
    i.type === 'submenu' ? [i.label, ...labels(i.items).map((l) => `  ${l}`)] : i.type === 'separator' ? [] : [i.label],
  );

describe('tray state over a real core', () => {
  it('lists a forward started before the tray, follows its stop from the menu, and shows proxies and gateways as they start', async () => {
    const core = demoCore(env().kubeconfig);
    onTestFinished(() => core.dispose());
    const h = core.handlers;
    const web = await h['forward:add']({ spec: { context: 'demo', namespace: 'shop', target: 'svc/web', ports: [':80'] } }, never);
    let latest: TraySnapshot = { forwards: [], proxies: [], gateways: [] };
    const tray = new TrayState(core, (s) => void (latest = s));
    onTestFinished(() => tray.dispose());
    await tray.load();
    expect(latest.forwards.map((f) => [f.id, f.state])).toEqual([[web.id, 'active']]);
    const url = web.bindings[0]!.url;
    expect(labels(trayMenu(latest))).toContain(`  Open ${url}`);

    const opened: string[] = [];
    const deps = { handlers: h, openExternal: (u: string) => void opened.push(u), showWindow: () => {}, quit: () => {} };
    await runTrayAction(deps, { kind: 'forward-stop', id: web.id }, never);
    expect(latest.forwards.find((f) => f.id === web.id)?.state).toBe('stopped');
    expect(labels(trayMenu(latest))).toContain('  Start');

    await h['proxy:start']({ context: 'demo' }, never);
    const gateway = await h['services:open']({ context: 'demo', namespace: 'shop', service: 'web' }, never);
    expect(latest.proxies.map((p) => [p.context, p.state])).toEqual([['demo', 'listening']]);
    expect(latest.gateways.map((g) => g.id)).toEqual([gateway.id]);

    // Open on a proxy hands the browser a one-time launch code, never the token.
    await runTrayAction(deps, { kind: 'proxy-open', context: 'demo' }, never);
    expect(opened[0]).toMatch(/kubedesk_code=/);
    expect(opened[0]).not.toMatch(/kubedesk_token=/);

    await runTrayAction(deps, { kind: 'gateway-stop', id: gateway.id }, never);
    await runTrayAction(deps, { kind: 'proxy-stop', context: 'demo' }, never);
    expect(latest.proxies.map((p) => p.state)).toEqual(['stopped']);
    expect(latest.gateways.map((g) => g.state)).toEqual(['stopped']);
    expect(labels(trayMenu(latest))).not.toContain('API proxies');
  });
});
