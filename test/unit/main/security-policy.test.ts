// The fakes below stand in for Electron's session, app and webContents: its binary cannot run in
// tests, so the rules in electron/main/security-policy.ts are driven through the same structural
// interfaces index.ts hands the real objects to.
import { describe, expect, it } from 'vitest';
import {
  denyAllPermissions,
  hardenApp,
  hardenWebContents,
  NAVIGATION_EVENTS,
  type GuardedEvent,
  type WebContentsLike,
} from '../../../electron/main/security-policy.ts';
import { trustedUrlChecker } from '../../../electron/main/ipc.ts';
import { APP_INDEX_URL } from '../../../electron/main/app-protocol.ts';

class FakeWebContents implements WebContentsLike {
  readonly listeners = new Map<string, Array<(event: GuardedEvent) => void>>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;

  on(event: string, listener: (event: GuardedEvent) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  /** Emits `event` as Electron would; true when a listener called preventDefault. */
  emit(event: string, url?: string): boolean {
    let prevented = false;
    const e: GuardedEvent = { preventDefault: () => void (prevented = true), ...(url === undefined ? {} : { url }) };
    for (const l of this.listeners.get(event) ?? []) l(e);
    return prevented;
  }
}

function hardened(): { contents: FakeWebContents; opened: string[]; refused: string[] } {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  const refused: string[] = [];
  hardenWebContents(contents, {
    isTrustedUrl: trustedUrlChecker(APP_INDEX_URL, undefined),
    openExternal: (url) => void opened.push(url),
    onRefused: (what, url) => void refused.push(`${what} ${url}`),
  });
  return { contents, opened, refused };
}

describe('permission handlers (checklist item 5: deny everything)', () => {
  it('refuses every permission request and answers every check with false', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((c: unknown, p: string) => boolean) | undefined;
    const denied: string[] = [];
    denyAllPermissions(
      { setPermissionRequestHandler: (h) => void (request = h), setPermissionCheckHandler: (h) => void (check = h) },
      (p) => void denied.push(p),
    );
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal', 'hid', 'unknown']) {
      const answers: boolean[] = [];
      request?.(null, permission, (granted) => void answers.push(granted));
      expect(answers, permission).toEqual([false]);
      expect(check?.(null, permission), permission).toBe(false);
    }
    expect(denied).toContain('media');
  });
});

describe('every webContents is hardened (checklist items 13 and 14)', () => {
  it('lets our own renderer navigate within app://kubedesk/', () => {
    const { contents } = hardened();
    for (const name of NAVIGATION_EVENTS) expect(contents.emit(name, 'app://kubedesk/index.html#/forwards'), name).toBe(false);
  });

  it('refuses navigation, redirects and frame navigation anywhere else', () => {
    const { contents, refused } = hardened();
    for (const name of NAVIGATION_EVENTS) {
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', '']) {
        expect(contents.emit(name, url), `${name} ${url}`).toBe(true);
      }
    }
    expect(refused).toContain('will-redirect https://evil.example/');
  });

  it('refuses every <webview>', () => {
    const { contents } = hardened();
    expect(contents.emit('will-attach-webview')).toBe(true);
    expect(contents.emit('will-attach-webview', APP_INDEX_URL)).toBe(true);
  });

  it('opens no window: web links go to the browser, anything else is dropped', () => {
    const { contents, opened } = hardened();
    for (const url of [
      'https://kubernetes.io/docs/',
      'http://127.0.0.1:8001/',
      'file:///etc/passwd',
      'app://kubedesk/index.html',
      'smb://host/share',
    ]) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://kubernetes.io/docs/', 'http://127.0.0.1:8001/']);
  });

  it('hardenApp turns the sandbox on for all renderers and hooks every webContents created later', () => {
    const calls: string[] = [];
    let created: ((e: unknown, c: WebContentsLike) => void) | undefined;
    hardenApp(
      { enableSandbox: () => void calls.push('enableSandbox'), on: (_event, l) => void (created = l) },
      { isTrustedUrl: () => false, openExternal: () => {} },
    );
    expect(calls).toEqual(['enableSandbox']);
    const later = new FakeWebContents();
    created?.({}, later);
    expect([...later.listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    expect(later.openHandler).toBeTypeOf('function');
  });
});
