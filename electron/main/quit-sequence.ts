// Closing the window hides it (KubeDesk keeps its forwards and proxies running in the tray); only
// Quit (tray, menu, Cmd+Q, the OS logging out) ends the app, and only after every server and
// forward is stopped (docs/desktop.md, Quitting). Electron does not wait for async work in
// `will-quit`, so the first one is held until the dispose settles, then quitting resumes.

export interface QuitAppLike {
  on(event: 'before-quit', listener: () => void): void;
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): void;
  quit(): void;
}

export interface QuitSequence {
  /** True once the user asked to quit: windows may close for real. */
  readonly quitting: boolean;
  /** For a window's `close` event: hides instead of closing unless quitting. */
  onWindowClose(event: { preventDefault(): void }, hide: () => void): void;
}

/** Longest wait for the dispose before the app quits anyway (a hung socket must not keep it alive). */
const DISPOSE_LIMIT_MS = 5_000;

export function installQuitSequence(
  app: QuitAppLike,
  dispose: () => Promise<void>,
  onError: (err: unknown) => void,
  limitMs = DISPOSE_LIMIT_MS,
): QuitSequence {
  let quitting = false;
  let stopped = false;
  let stopping = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    quitting = true;
    if (stopping) return;
    stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>(
      (done) => (timer = setTimeout(() => done(onError(new Error(`dispose took over ${limitMs} ms`))), limitMs)),
    );
    void Promise.race([dispose().catch(onError), limit]).finally(() => {
      clearTimeout(timer);
      stopped = true;
      app.quit();
    });
  });
  return {
    get quitting() {
      return quitting;
    },
    onWindowClose(event, hide) {
      if (quitting) return;
      event.preventDefault();
      hide();
    },
  };
}
