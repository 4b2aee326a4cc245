import { describe, expect, it } from 'vitest';
import { ObjectStore, type StoreEvent } from '../../../../electron/core/demo/object-store.ts';

describe('ObjectStore', () => {
  it('gives every write a new resourceVersion and keeps uid and creationTimestamp', () => {
    const s = new ObjectStore(() => new Date('2025-01-01T00:00:00.123Z'));
    const a = s.create('configmaps', { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'a', namespace: 'x' } });
    expect(a.kind).toBeUndefined();
    expect(a.metadata.creationTimestamp).toBe('2025-01-01T00:00:00Z');
    const b = s.update('configmaps', { ...a, data: { k: 'v' } });
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(b.metadata.uid).toBe(a.metadata.uid);
    const gone = s.delete('configmaps', 'x', 'a');
    expect(Number(gone!.metadata.resourceVersion)).toBeGreaterThan(Number(b.metadata.resourceVersion));
    expect(s.get('configmaps', 'x', 'a')).toBeUndefined();
  });

  it('lists sorted by namespace/name and filters by namespace', () => {
    const s = new ObjectStore();
    for (const [ns, n] of [
      ['b', 'x'],
      ['a', 'z'],
      ['a', 'y'],
    ])
      s.create('pods', { metadata: { name: n!, namespace: ns } });
    expect(s.list('pods').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['a/y', 'a/z', 'b/x']);
    expect(s.list('pods', 'b').map((o) => o.metadata.name)).toEqual(['x']);
  });

  it('a quiet initial load is one snapshot a watch may resume from', () => {
    const s = new ObjectStore();
    const a = s.create('pods', { metadata: { name: 'a', namespace: 'x' } }, { quiet: true });
    const b = s.create('pods', { metadata: { name: 'b', namespace: 'x' } }, { quiet: true });
    expect(a.metadata.resourceVersion).toBe(b.metadata.resourceVersion);
    expect(s.eventsSince('pods', Number(a.metadata.resourceVersion))).toEqual([]);
    expect(s.eventsSince('pods', 5)).toBe('expired');
  });

  it('delivers events in order, including writes made by a listener', () => {
    const s = new ObjectStore();
    const seen: string[] = [];
    s.subscribe((e: StoreEvent) => {
      seen.push(`${e.type} ${e.resource} ${e.object.metadata.name}`);
      if (e.resource === 'pods' && e.type === 'ADDED')
        s.create('endpoints', { metadata: { name: e.object.metadata.name, namespace: 'x' } });
    });
    s.subscribe((e) => {
      if (e.resource === 'pods') seen.push('second listener');
    });
    s.create('pods', { metadata: { name: 'p', namespace: 'x' } });
    expect(seen).toEqual(['ADDED pods p', 'second listener', 'ADDED endpoints p']);
  });
});
