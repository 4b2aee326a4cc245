import { describe, expect, it } from 'vitest';
import { contextSummaries } from '../../../../electron/core/kubeconfig/context-summaries.ts';
import { contextUnion, currentContextOf } from '../../../../electron/core/kubeconfig/context-union.ts';
import type { MergedKubeconfig } from '../../../../electron/core/kubeconfig/kubeconfig-types.ts';
import { emptyStore, type StoreDoc } from '../../../../electron/core/store/store-schema.ts';

function merged(current?: string): MergedKubeconfig {
  const at = { file: '/k/config', dir: '/k' };
  return {
    files: ['/k/config'],
    clusters: new Map([['c', { name: 'c', value: { server: 'https://c' }, ...at }]]),
    users: new Map([['u', { name: 'u', value: { token: 't' }, ...at }]]),
    contexts: new Map([
      ['kc', { name: 'kc', value: { cluster: 'c', user: 'u' }, ...at }],
      ['dup', { name: 'dup', value: { cluster: 'c', user: 'u' }, ...at }],
    ]),
    ...(current ? { currentContext: current } : {}),
  };
}

function store(current?: string): StoreDoc {
  return {
    ...emptyStore(),
    ...(current ? { 'current-context': current } : {}),
    clusters: [{ id: 'c1c1', name: 'demo', cluster: { server: 'https://demo' } }],
    users: [{ id: 'u1u1', name: 'demo-user', user: {}, secret: { service: 'KubeDesk', account: 'demo-user#u1u1', fields: ['token'] } }],
    contexts: [
      { name: 'demo', context: { cluster: 'c1c1', user: 'u1u1', namespace: 'shop' } },
      { name: 'dup', context: { cluster: 'c1c1', user: 'u1u1' } },
    ],
  };
}

describe('every context: kubeconfig files, then imported ones (docs/cli.md, Where clusters come from)', () => {
  it('imported contexts show with source `imported` and the auth kind of their keychain secret', () => {
    const s = contextSummaries(contextUnion(merged('kc'), store(), '/h/store.json'));
    expect(s.find((c) => c.name === 'demo')).toEqual({
      name: 'demo',
      cluster: 'demo',
      server: 'https://demo',
      user: 'demo-user',
      namespace: 'shop',
      authKind: 'token',
      source: 'imported',
      current: false,
    });
    expect(s.map((c) => c.name)).toEqual(['demo', 'dup', 'kc']);
  });

  it('a kubeconfig context hides an imported one of the same name, which is reported', () => {
    const u = contextUnion(merged(), store(), '/h/store.json');
    expect(u.contexts.get('dup')!.origin).toEqual({ kind: 'kubeconfig', file: '/k/config' });
    expect(u.shadowed).toEqual(['dup']);
  });

  it("current: kubectl's rule takes the kubeconfig's, else the store's; the app's rule prefers its own choice", () => {
    expect(currentContextOf(contextUnion(merged('kc'), store('demo'), '/s'), 'kubectl')).toBe('kc');
    expect(currentContextOf(contextUnion(merged(), store('demo'), '/s'), 'kubectl')).toBe('demo');
    expect(currentContextOf(contextUnion(merged('kc'), store('demo'), '/s'), 'app')).toBe('demo');
    expect(currentContextOf(contextUnion(merged('kc'), store('gone'), '/s'), 'app')).toBe('kc');
  });
});
