import { describe, expect, it } from 'vitest';
import { ContextsState } from '../../../../renderer/src/lib/state/contexts.svelte.ts';
import { fakeKubeDeskClient } from '../../../fakes/fake-kubedesk-client.ts';

describe('ContextsState: an interactive credential plugin asking for input', () => {
  it('a prompt with an id opens the ask, the answer goes out on contexts:exec-answer, done closes it', async () => {
    const f = fakeKubeDeskClient({ 'contexts:exec-answer': () => ({ ok: true, value: undefined }) });
    const s = new ContextsState(f.client);
    const off = s.follow();
    f.emit('contexts:exec-prompt', { id: 'p1', user: 'sso', command: 'kubelogin', text: 'Enter code:\n' });
    expect(s.asking).toEqual({ id: 'p1', user: 'sso', command: 'kubelogin', text: 'Enter code:\n' });
    expect(s.prompts).toEqual([]);
    await s.answer('planted-code');
    expect(f.calls).toEqual([['contexts:exec-answer', { id: 'p1', text: 'planted-code' }]]);
    expect(s.answered).toBe(true);
    expect(JSON.stringify(s.asking)).not.toContain('planted-code');
    // The plugin asks again (more stderr): the dialog is ready for another line.
    f.emit('contexts:exec-prompt', { id: 'p1', user: 'sso', command: 'kubelogin', text: 'Enter code:\nPassword:\n' });
    expect(s.answered).toBe(false);
    f.emit('contexts:exec-prompt', { id: 'p1', user: 'sso', command: 'kubelogin', text: 'Enter code:\nPassword:\n', done: true });
    expect(s.asking).toBeNull();
    off();
  });

  it('a prompt without an id stays a banner; a refused answer shows its error and closes the ask', async () => {
    const f = fakeKubeDeskClient({
      'contexts:exec-answer': () => ({ ok: false, error: { code: 'not-found', message: 'no credential plugin is waiting' } }),
    });
    const s = new ContextsState(f.client);
    s.follow();
    f.emit('contexts:exec-prompt', { user: 'sso', command: 'aws', text: 'info\n' });
    expect(s.asking).toBeNull();
    expect(s.prompts).toHaveLength(1);
    f.emit('contexts:exec-prompt', { id: 'p2', user: 'sso', command: 'kubelogin', text: 'Code:' });
    await s.answer('x');
    expect(s.error).toEqual({ code: 'not-found', message: 'no credential plugin is waiting' });
    expect(s.asking).toBeNull();
  });
});

describe('ContextsState: problems of one context', () => {
  it("a context's own error is on its row (problem), not in the banners; file-level problems stay banners", async () => {
    const f = fakeKubeDeskClient({
      'contexts:list': () => ({
        ok: true,
        value: {
          contexts: [
            {
              name: 'lost',
              cluster: 'k',
              server: 'https://k',
              user: 'ghost',
              namespace: '',
              authKind: 'none',
              source: 'kubeconfig:/k',
              current: false,
              problem: { field: 'contexts[0].context.user', message: 'user "ghost" was not found for context "lost"' },
            },
          ],
          problems: [
            {
              file: '/k',
              message: '/k: contexts[0].context.user: user "ghost" was not found for context "lost"',
              context: 'lost',
              field: 'contexts[0].context.user',
              reason: 'user "ghost" was not found for context "lost"',
            },
            { file: '/bad', message: '/bad: not valid YAML: line 1: oops' },
          ],
          files: ['/k', '/bad'],
        },
      }),
    });
    const s = new ContextsState(f.client);
    await s.refresh();
    expect(s.banners.map((b) => b.file)).toEqual(['/bad']);
    expect(s.status('lost')).toBe('error');
    expect(s.items[0]!.problem).toEqual({ field: 'contexts[0].context.user', message: 'user "ghost" was not found for context "lost"' });
  });
});
