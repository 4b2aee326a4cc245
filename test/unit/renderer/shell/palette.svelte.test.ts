import { describe, expect, it, vi } from 'vitest';
import type { ForwardInfo, ServiceSummary } from '../../../../electron/shared/ipc-contract.ts';
import { PaletteState, type PaletteDeps } from '../../../../renderer/src/lib/components/shell/palette.svelte.ts';
import { fakeKubeDeskClient, fakeServiceWatches, serviceSummary, type FakeAnswers } from '../../../fakes/fake-kubedesk-client.ts';

function forward(id: string, state: ForwardInfo['state']): ForwardInfo {
  return {
    id,
    spec: {
      context: 'demo',
      namespace: 'shop',
      target: 'svc/web',
      ports: [':80'],
      addresses: ['localhost'],
      spread: false,
      autostart: false,
    },
    state,
    since: new Date(0).toISOString(),
    pod: null,
    pods: [],
    bindings: state === 'active' ? [{ address: '127.0.0.1', local: 41000, remote: 8080, url: 'http://127.0.0.1:41000/' }] : [],
    stats: { connectionsOpen: 0, connectionsTotal: 0, bytesIn: 0, bytesOut: 0 },
    served: [],
    lastError: null,
  };
}

const SERVICES = [serviceSummary('shop', 'web'), serviceSummary('shop', 'api'), serviceSummary('bulk', 'svc-001')];

function setup(answers: FakeAnswers, more: Partial<PaletteDeps> = {}) {
  const f = fakeKubeDeskClient(answers);
  const deps = {
    client: f.client,
    context: () => 'demo',
    watched: () => ({ context: null, services: [] as ServiceSummary[] }),
    forwards: () => [forward('f1', 'stopped'), forward('f2', 'active')],
    go: vi.fn(),
    openUrl: vi.fn(),
    done: vi.fn(),
    mod: 'Ctrl',
    ...more,
  };
  return { f, deps, palette: new PaletteState(deps) };
}

describe('PaletteState', () => {
  it("looks at the current context's services once (watch, then unwatch) when the Services view watches none", async () => {
    const watches = fakeServiceWatches(SERVICES);
    const { f, palette } = setup(watches.answers);
    await palette.reset();
    expect(f.calls.map(([c]) => c)).toEqual(['services:watch', 'services:unwatch']);
    expect(f.calls[0]![1]).toEqual({ context: 'demo', namespace: null });
    expect(watches.open.size).toBe(0);
    expect(palette.commands.filter((c) => c.kind === 'service').map((c) => c.title)).toEqual([
      'Open shop/web',
      'Open shop/api',
      'Open bulk/svc-001',
    ]);
  });

  it("reuses the Services view's rows without a call when it has them", async () => {
    const { f, palette } = setup({}, { watched: () => ({ context: 'other', services: [serviceSummary('x', 'y')] }) });
    await palette.reset();
    expect(f.calls).toEqual([]);
    palette.setQuery('open x/y');
    expect(palette.commands[0]).toMatchObject({ kind: 'service', context: 'other' });
  });

  it('filters as the user types, moves the highlight with wrap-around, and resets it on a new query', async () => {
    const { palette } = setup(fakeServiceWatches(SERVICES).answers);
    await palette.reset();
    palette.setQuery('go');
    expect(palette.commands.map((c) => c.id).slice(0, 2)).toEqual(['view:contexts', 'view:services']);
    palette.move(-1);
    expect(palette.selected).toBe(palette.commands.length - 1);
    palette.move(1);
    expect(palette.selected).toBe(0);
    palette.move(1);
    palette.setQuery('sett');
    expect(palette.selected).toBe(0);
    expect(palette.commands[0]!.id).toBe('view:settings');
  });

  it('goes to a view at once', async () => {
    const { deps, palette } = setup(fakeServiceWatches(SERVICES).answers);
    await palette.reset();
    palette.setQuery('topology');
    expect(await palette.run()).toBe(true);
    expect(deps.go).toHaveBeenCalledWith('topology');
  });

  it('opens a service through services:open on its first TCP port and opens the gateway URL in a new tab', async () => {
    const gateway = { url: 'http://127.0.0.1:45123/' };
    const { f, deps, palette } = setup({
      ...fakeServiceWatches(SERVICES).answers,
      'services:open': () => ({ ok: true, value: gateway as never }),
    });
    await palette.reset();
    palette.setQuery('open shop/web');
    const running = palette.run();
    expect(palette.running).toBe('Opening shop/web…');
    expect(await running).toBe(true);
    expect(palette.running).toBeNull();
    expect(f.calls.at(-1)).toEqual(['services:open', { context: 'demo', namespace: 'shop', service: 'web:http' }]);
    expect(deps.openUrl).toHaveBeenCalledWith('http://127.0.0.1:45123/');
    expect(deps.done).toHaveBeenCalledWith('Opened shop/web at http://127.0.0.1:45123/', 'http://127.0.0.1:45123/');
  });

  it('starts a saved forward that is not running and reports its URL; a running one is not offered', async () => {
    const { f, deps, palette } = setup({
      ...fakeServiceWatches([]).answers,
      'forward:start': (req) => ({ ok: true, value: { ...forward(req.id, 'active') } }),
    });
    await palette.reset();
    expect(palette.commands.filter((c) => c.kind === 'forward').map((c) => c.id)).toEqual(['forward:f1']);
    palette.setQuery('start forward');
    expect(await palette.run()).toBe(true);
    expect(f.calls.at(-1)).toEqual(['forward:start', { id: 'f1' }]);
    expect(deps.done).toHaveBeenCalledWith('Forward svc/web is active on http://127.0.0.1:41000/', 'http://127.0.0.1:41000/');
  });

  it("keeps the core's error (code and message) and stays open when a command fails", async () => {
    const { deps, palette } = setup({
      ...fakeServiceWatches([]).answers,
      'forward:start': () => ({ ok: false, error: { code: 'port-in-use', message: '127.0.0.1:8080 is in use by forward f9' } }),
    });
    await palette.reset();
    palette.setQuery('start forward');
    expect(await palette.run()).toBe(false);
    expect(palette.error).toEqual({ code: 'port-in-use', message: '127.0.0.1:8080 is in use by forward f9' });
    expect(deps.done).not.toHaveBeenCalled();
  });

  it("shows the watch's error when the services cannot be listed, and still offers views", async () => {
    const { palette } = setup({
      'services:watch': () => ({ ok: false, error: { code: 'unreachable', message: 'demo: connection refused' } }),
    });
    await palette.reset();
    expect(palette.error?.code).toBe('unreachable');
    expect(palette.commands.filter((c) => c.kind === 'view')).toHaveLength(6);
  });
});
