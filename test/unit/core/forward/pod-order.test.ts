import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../electron/core/kube/kube-objects.ts';
import { choosePod, isPodUsable, sortPodsForForward } from '../../../../electron/core/forward/pod-order.ts';

interface PodOpts {
  phase?: string;
  node?: string;
  readyAt?: string | null;
  restarts?: number[];
  created?: string;
  deleting?: boolean;
}

function pod(name: string, o: PodOpts = {}): Pod {
  return {
    metadata: {
      name,
      creationTimestamp: o.created ?? '2024-01-01T00:00:00Z',
      ...(o.deleting ? { deletionTimestamp: '2024-01-02T00:00:00Z' } : {}),
    },
    spec: { nodeName: o.node ?? 'node-1', containers: [] },
    status: {
      phase: o.phase ?? 'Running',
      conditions:
        o.readyAt === null
          ? [{ type: 'Ready', status: 'False' }]
          : [{ type: 'Ready', status: 'True', ...(o.readyAt ? { lastTransitionTime: o.readyAt } : {}) }],
      containerStatuses: (o.restarts ?? [0]).map((r, i) => ({ name: `c${i}`, restartCount: r })),
    },
  };
}

const names = (pods: Pod[]): string[] => pods.map((p) => p.metadata.name ?? '');

describe('pod choice: sort.Reverse(ActivePods) (docs/port-forward.md, Pod choice)', () => {
  it('A Ready 10:00, B Ready 09:00, C Pending → B (conformance 36)', () => {
    const a = pod('a', { readyAt: '2024-01-01T10:00:00Z' });
    const b = pod('b', { readyAt: '2024-01-01T09:00:00Z' });
    const c = pod('c', { phase: 'Pending', readyAt: null });
    expect(choosePod([a, b, c])?.metadata.name).toBe('b');
    expect(names(sortPodsForForward([c, a, b]))).toEqual(['b', 'a', 'c']);
  });

  it('same ready time: 3 restarts vs 0 → the 0-restart pod (conformance 36)', () => {
    const t = '2024-01-01T09:00:00Z';
    expect(choosePod([pod('x', { readyAt: t, restarts: [0, 3] }), pod('y', { readyAt: t, restarts: [0] })])?.metadata.name).toBe('y');
  });

  it('(1) a scheduled pod beats an unscheduled one', () => {
    expect(choosePod([pod('u', { node: '' }), pod('s', { phase: 'Pending', readyAt: null })])?.metadata.name).toBe('s');
  });

  it('(2) Running, then Unknown, then Pending and other phases', () => {
    const order = sortPodsForForward([
      pod('p', { phase: 'Pending', readyAt: null }),
      pod('u', { phase: 'Unknown', readyAt: null }),
      pod('r', { readyAt: null }),
    ]);
    expect(names(order)).toEqual(['r', 'u', 'p']);
  });

  it('(3) Ready beats not Ready', () => {
    expect(choosePod([pod('n', { readyAt: null }), pod('r', { readyAt: '2024-01-01T09:00:00Z' })])?.metadata.name).toBe('r');
  });

  it('(4) a Ready pod without lastTransitionTime sorts after one with it', () => {
    expect(choosePod([pod('none', {}), pod('t', { readyAt: '2024-01-01T09:00:00Z' })])?.metadata.name).toBe('t');
  });

  it('(6) the older pod wins when all else is equal', () => {
    const t = '2024-01-01T09:00:00Z';
    expect(
      choosePod([pod('new', { readyAt: t, created: '2024-01-03T00:00:00Z' }), pod('old', { readyAt: t, created: '2024-01-02T00:00:00Z' })])
        ?.metadata.name,
    ).toBe('old');
  });

  it('is stable on ties and empty for no pods', () => {
    const t = '2024-01-01T09:00:00Z';
    expect(names(sortPodsForForward([pod('1', { readyAt: t }), pod('2', { readyAt: t })]))).toEqual(['1', '2']);
    expect(choosePod([])).toBeUndefined();
  });

  it('a pod is usable for a forward only while Running and not terminating (docs/port-forward.md, Pod loss)', () => {
    expect(isPodUsable(pod('r'))).toBe(true);
    expect(isPodUsable(pod('d', { deleting: true }))).toBe(false);
    expect(isPodUsable(pod('p', { phase: 'Pending' }))).toBe(false);
  });
});
