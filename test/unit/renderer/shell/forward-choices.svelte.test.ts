import { describe, expect, it } from 'vitest';
import type { ServiceDetail } from '../../../../electron/shared/ipc-contract.ts';
import { ForwardChoices } from '../../../../renderer/src/lib/components/shell/forward-choices.svelte.ts';
import { fakeKubeDeskClient, fakeServiceWatches, serviceSummary } from '../../../fakes/fake-kubedesk-client.ts';

const SERVICES = [serviceSummary('shop', 'web'), serviceSummary('shop', 'manual', { selector: null }), serviceSummary('data', 'db')];

describe('ForwardChoices', () => {
  it("takes one look at the context's services, then the pods behind a namespace's services (once per namespace)", async () => {
    const watches = fakeServiceWatches(SERVICES);
    const f = fakeKubeDeskClient({
      ...watches.answers,
      'services:detail': (req): { ok: true; value: ServiceDetail } => ({
        ok: true,
        value: {
          context: req.context,
          service: SERVICES.find((s) => s.name === req.name)!,
          ways: [],
          pods: [{ name: `${req.name}-5d8f7c9b6d-x2k4q`, ip: null, ready: true, node: null, reason: null }],
        },
      }),
    });
    const c = new ForwardChoices(f.client);
    await c.load('demo', 'shop');
    expect(watches.open.size).toBe(0);
    expect(c.namespaces.map((o) => o.value)).toEqual(['data', 'shop']);
    // The selector-less service has no pods to look up.
    expect(f.calls.filter(([ch]) => ch === 'services:detail').map(([, r]) => r)).toEqual([
      { context: 'demo', namespace: 'shop', name: 'web' },
    ]);
    expect(c.targets('shop').map((o) => o.value)).toEqual(['svc/web', 'svc/manual', 'deploy/web', 'pod/web-5d8f7c9b6d-x2k4q']);
    expect(c.ports('shop', 'deploy/web').map((o) => o.value)).toEqual([':8080']);

    await c.load('demo', 'shop');
    expect(f.calls.filter(([ch]) => ch === 'services:watch')).toHaveLength(1);
    expect(f.calls.filter(([ch]) => ch === 'services:detail')).toHaveLength(1);
  });

  it('looks the pods up once the services are listed, when asked while the list was still loading', async () => {
    const watches = fakeServiceWatches(SERVICES);
    const f = fakeKubeDeskClient({
      ...watches.answers,
      'services:detail': (req) => ({ ok: true, value: { context: req.context, service: SERVICES[0]!, ways: [], pods: [] } }),
    });
    const c = new ForwardChoices(f.client);
    // The form asks again on each change; a second ask while listing must not mark shop as looked up.
    await Promise.all([c.load('demo', 'shop'), c.load('demo', 'shop')]);
    expect(f.calls.filter(([ch]) => ch === 'services:detail')).toHaveLength(1);
  });

  it('keeps the error of a context it cannot list, and offers nothing from it', async () => {
    const f = fakeKubeDeskClient({
      'services:watch': () => ({ ok: false, error: { code: 'forbidden', message: 'cannot list services' } }),
    });
    const c = new ForwardChoices(f.client);
    await c.load('demo', '');
    expect(c.error).toEqual({ code: 'forbidden', message: 'cannot list services' });
    expect(c.targets('')).toEqual([]);
  });
});
