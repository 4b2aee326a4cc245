import { describe, expect, it } from 'vitest';
import { fakeKubeDeskClient } from '../../../fakes/fake-kubedesk-client.ts';
import type { ContextsSnapshot } from '../../../../electron/shared/ipc-contract.ts';
import { ContextsState } from '../../../../renderer/src/lib/state/contexts.svelte.ts';

function snapshot(over: Partial<ContextsSnapshot> = {}): ContextsSnapshot {
  const ctx = (name: string, current = false) => ({
    name,
    cluster: 'c',
    server: 'https://c',
    user: 'u',
    namespace: '',
    authKind: 'token' as const,
    source: 'imported',
    current,
  });
  return { contexts: [ctx('a', true), ctx('b'), ctx('c')], problems: [], files: ['/k'], ...over };
}

describe('ContextsState (the clusters view)', () => {
  it('status per context: a problem of it, its health, or unknown; banners shown once per message', async () => {
    const f = fakeKubeDeskClient({
      'contexts:list': () => ({
        ok: true,
        value: snapshot({
          problems: [
            { file: '/k', message: 'users[0].user: shared problem', context: 'b' },
            { file: '/k', message: 'users[0].user: shared problem', context: 'c' },
            { file: '/k', message: 'TLS verification is off', context: 'a', level: 'warning' },
          ],
        }),
      }),
      'contexts:health': (req) => ({
        ok: true,
        value: { context: (req as { name: string }).name, checkedAt: 'now', reachable: true, tlsVerified: false },
      }),
    });
    const s = new ContextsState(f.client);
    await s.refresh();
    expect(s.current?.name).toBe('a');
    expect(['a', 'b', 'c'].map((n) => s.status(n))).toEqual(['warning', 'error', 'error']);
    expect(s.banners.map((b) => b.message)).toEqual(['users[0].user: shared problem', 'TLS verification is off']);
    await s.check('a');
    expect(s.status('a')).toBe('warning');
    expect(s.health['a']!.reachable).toBe(true);
  });

  it('a failed change keeps its error; a successful one refreshes and clears it', async () => {
    let list = snapshot();
    const f = fakeKubeDeskClient({
      'contexts:list': () => ({ ok: true, value: list }),
      'contexts:remove': (req) =>
        (req as { name: string }).name === 'a'
          ? { ok: false, error: { code: 'invalid-input', message: 'context "a" comes from /k; KubeDesk does not edit kubeconfig files' } }
          : { ok: true, value: undefined },
    });
    const s = new ContextsState(f.client);
    await s.refresh();
    s.select('b');
    expect(await s.remove('a')).toBe(false);
    expect(s.error?.message).toContain('does not edit kubeconfig files');
    list = snapshot({ contexts: snapshot().contexts.filter((c) => c.name !== 'b') });
    expect(await s.remove('b')).toBe(true);
    expect(s.error).toBeNull();
    expect(s.items.map((c) => c.name)).toEqual(['a', 'c']);
    expect(s.selected).toBeNull();
    expect(f.calls.filter(([c]) => c === 'contexts:list')).toHaveLength(2);
  });

  it('follows contexts:changed and exec plugin prompts; unsubscribes', async () => {
    const f = fakeKubeDeskClient({ 'contexts:list': () => ({ ok: true, value: snapshot() }) });
    const s = new ContextsState(f.client);
    const off = s.follow();
    f.emit('contexts:changed', snapshot({ contexts: [] }));
    f.emit('contexts:exec-prompt', {
      user: 'u',
      command: 'kubelogin',
      text: 'To sign in, open https://microsoft.com/devicelogin and enter ABCD',
    });
    expect(s.items).toEqual([]);
    expect(s.prompts.map((p) => p.command)).toEqual(['kubelogin']);
    s.dismissPrompts();
    off();
    f.emit('contexts:changed', snapshot());
    expect(s.items).toEqual([]);
  });
});
