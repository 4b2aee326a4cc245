import { describe, expect, it } from 'vitest';
import { LINK_VIEWS, linkInArgv, parseDeepLink } from '../../../electron/main/deep-link.ts';
import { VIEWS } from '../../../renderer/src/lib/state/shell.svelte.ts';

describe('kubedesk:// links', () => {
  it("name exactly the renderer's views", () => {
    expect([...LINK_VIEWS]).toEqual(VIEWS.map((v) => v.id));
  });

  it('open a view, or start a saved forward by id', () => {
    expect(parseDeepLink('kubedesk://view/services')).toEqual({ kind: 'view', view: 'services' });
    expect(parseDeepLink('KUBEDESK://view/forwards/')).toEqual({ kind: 'view', view: 'forwards' });
    expect(parseDeepLink('kubedesk://forward/start?id=3f2b8c1e-9d7a-4c3b-8e2f-1a2b3c4d5e6f')).toEqual({
      kind: 'start-forward',
      id: '3f2b8c1e-9d7a-4c3b-8e2f-1a2b3c4d5e6f',
    });
  });

  it('refuse anything else: other schemes, unknown views or actions, odd ids', () => {
    for (const raw of [
      'https://view/services',
      'kubedesk://view/terminal',
      'kubedesk://view/',
      'kubedesk://view/services/../settings/x',
      'kubedesk://forward/stop?id=a',
      'kubedesk://forward/start',
      'kubedesk://forward/start?id=',
      'kubedesk://forward/start?id=a%2Fb',
      'kubedesk://forward/start?id=a%20b',
      'not a url',
    ]) {
      expect(parseDeepLink(raw), raw).toBeUndefined();
    }
  });

  it('are found among a launch’s arguments (Windows and Linux, second-instance argv)', () => {
    expect(linkInArgv(['/opt/KubeDesk/kubedesk', '--no-sandbox', 'kubedesk://view/topology'])).toBe('kubedesk://view/topology');
    expect(linkInArgv(['/opt/KubeDesk/kubedesk', '--no-sandbox'])).toBeUndefined();
  });
});
