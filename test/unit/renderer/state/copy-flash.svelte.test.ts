// CopyFlash (renderer/src/lib/state/copy-flash.svelte.ts): the button that copied reads "Copied"
// for 1.5 s, a later copy takes it over, and an earlier copy's timer never clears a later one. The
// clipboard is the browser's; here a stand-in records what was written (the e2e tests read the
// real one in Chromium).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CopyFlash } from '../../../../renderer/src/lib/state/copy-flash.svelte.ts';

let written: string[];
beforeEach(() => {
  written = [];
  vi.useFakeTimers();
  vi.stubGlobal('navigator', { clipboard: { writeText: async (t: string) => void written.push(t) } });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('CopyFlash', () => {
  it('writes the text and marks its button (the text by default) for 1.5 s', async () => {
    const flash = new CopyFlash();
    await flash.copy('http://127.0.0.1:8080/');
    expect(written).toEqual(['http://127.0.0.1:8080/']);
    expect(flash.key).toBe('http://127.0.0.1:8080/');
    vi.advanceTimersByTime(1499);
    expect(flash.key).toBe('http://127.0.0.1:8080/');
    vi.advanceTimersByTime(1);
    expect(flash.key).toBeNull();
  });

  it('marks the button by its own key when one is given', async () => {
    const flash = new CopyFlash();
    await flash.copy('kubectl port-forward svc/web 8080:80', 'recipe-1');
    expect(written).toEqual(['kubectl port-forward svc/web 8080:80']);
    expect(flash.key).toBe('recipe-1');
  });

  it("a later copy takes the mark over, and the earlier copy's timer leaves it alone", async () => {
    const flash = new CopyFlash();
    await flash.copy('a');
    vi.advanceTimersByTime(1000);
    await flash.copy('b');
    expect(flash.key).toBe('b');
    vi.advanceTimersByTime(500);
    expect(flash.key).toBe('b');
    vi.advanceTimersByTime(1000);
    expect(flash.key).toBeNull();
  });
});
