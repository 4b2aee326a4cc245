// The main process's half of Electron's security checklist
// (https://www.electronjs.org/docs/latest/tutorial/security, items 5, 13, 14 and 15; docs/desktop.md,
// Hardening). The rules are plain functions over structural stand-ins for Electron's objects, so tests
// drive them with fakes (no Electron binary runs in tests); index.ts hands them the real ones.

/** Permissions the renderer could ask for (camera, notifications, clipboard, HID…): none is granted. */
export interface PermissionSessionLike {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

export function denyAllPermissions(session: PermissionSessionLike, onDenied: (permission: string) => void = () => {}): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    onDenied(permission);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

/** The navigation events of a webContents; `url` is where it would go. */
export interface GuardedEvent {
  preventDefault(): void;
  url?: string;
}
export type NavigationEventName = 'will-navigate' | 'will-redirect' | 'will-frame-navigate';
export const NAVIGATION_EVENTS: readonly NavigationEventName[] = ['will-navigate', 'will-redirect', 'will-frame-navigate'];

export interface WebContentsLike {
  on(event: NavigationEventName | 'will-attach-webview', listener: (event: GuardedEvent) => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface ContentsRules {
  /** Our own renderer (app://kubedesk/…, or the dev server in development). */
  isTrustedUrl(url: string): boolean;
  /** Hands a link to the user's browser (shell.openExternal). */
  openExternal(url: string): void;
  onRefused?(what: string, url: string): void;
}

/** Only web links leave the app, and only to the user's browser (checklist item 15). */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Applied to every webContents as it is created (`web-contents-created`), not only our window's:
 * no navigation or redirect away from our renderer in any frame, no new windows (web links go to
 * the browser), no <webview> (checklist items 13 and 14).
 */
export function hardenWebContents(contents: WebContentsLike, rules: ContentsRules): void {
  const refuse = (what: string, event: GuardedEvent): void => {
    const url = event.url ?? '';
    if (what !== 'will-attach-webview' && rules.isTrustedUrl(url)) return;
    event.preventDefault();
    rules.onRefused?.(what, url);
  };
  for (const name of NAVIGATION_EVENTS) contents.on(name, (event) => refuse(name, event));
  contents.on('will-attach-webview', (event) => refuse('will-attach-webview', event));
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) rules.openExternal(url);
    else rules.onRefused?.('window-open', url);
    return { action: 'deny' };
  });
}

export interface AppLike {
  enableSandbox(): void;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): void;
}

/** Before the app is ready: every renderer sandboxed, every webContents hardened. */
export function hardenApp(app: AppLike, rules: ContentsRules): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, rules));
}
