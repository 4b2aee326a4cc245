// The fake app stands in for Electron's `app` (its binary cannot run in tests): it emits
// before-quit and will-quit as app.quit() does, and quits only when no listener prevented it.
import { describe, expect, it } from 'vitest';
import { installQuitSequence, type QuitAppLike } from '../../../electron/main/quit-sequence.ts';

class FakeApp implements QuitAppLike {
  readonly #before: Array<() => void> = [];
  readonly #will: Array<(e: { preventDefault(): void }) => void> = [];
  exited = false;

  on(event: 'before-quit' | 'will-quit', listener: (e: { preventDefault(): void }) => void): void {
    (event === 'before-quit' ? this.#before : this.#will).push(listener as never);
  }
  quit(): void {
    for (const l of this.#before) l();
    let prevented = false;
    for (const l of this.#will) l({ preventDefault: () => void (prevented = true) });
    if (!prevented) this.exited = true;
  }
}

describe('quitting', () => {
  it('closing the window hides it until the user quits', () => {
    const app = new FakeApp();
    const quit = installQuitSequence(
      app,
      async () => {},
      () => {},
    );
    let hidden = 0;
    let prevented = 0;
    quit.onWindowClose({ preventDefault: () => void prevented++ }, () => void hidden++);
    expect([hidden, prevented, quit.quitting]).toEqual([1, 1, false]);
    app.quit();
    quit.onWindowClose({ preventDefault: () => void prevented++ }, () => void hidden++);
    expect([hidden, prevented, quit.quitting]).toEqual([1, 1, true]);
  });

  it('holds the quit until every server and forward is disposed, then quits', async () => {
    const app = new FakeApp();
    let finish!: () => void;
    const disposed = new Promise<void>((done) => (finish = done));
    installQuitSequence(
      app,
      () => disposed,
      () => {},
    );
    app.quit();
    app.quit(); // a second Cmd+Q while stopping
    expect(app.exited).toBe(false);
    finish();
    await expect.poll(() => app.exited).toBe(true);
  });

  it('quits anyway, reporting it, when the dispose fails or hangs', async () => {
    const failing = new FakeApp();
    const errors: string[] = [];
    installQuitSequence(
      failing,
      () => Promise.reject(new Error('port busy')),
      (e) => void errors.push(String(e)),
    );
    failing.quit();
    await expect.poll(() => failing.exited).toBe(true);
    const hung = new FakeApp();
    installQuitSequence(
      hung,
      () => new Promise<void>(() => {}),
      (e) => void errors.push(String(e)),
      50,
    );
    hung.quit();
    await expect.poll(() => hung.exited).toBe(true);
    expect(errors).toEqual(['Error: port busy', 'Error: dispose took over 50 ms']);
  });
});
