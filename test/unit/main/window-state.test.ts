import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, loadWindowState, placeWindow, saveWindowState, windowStateFile } from '../../../electron/main/window-state.ts';

const LAPTOP = { x: 0, y: 0, width: 1440, height: 875 };
const MONITOR = { x: 1440, y: -200, width: 2560, height: 1415 };

describe('window size and position, remembered', () => {
  it('saves to KUBEDESK_HOME/window-state.json (private) and reads it back', async () => {
    const home = join(mkdtempSync(join(tmpdir(), 'kd-win-')), 'kubedesk');
    expect(await loadWindowState(home)).toBeNull();
    await saveWindowState(home, { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true });
    expect(await loadWindowState(home)).toEqual({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true });
    if (process.platform !== 'win32') expect(statSync(windowStateFile(home)).mode & 0o777).toBe(0o600);
  });

  it('ignores a file that is not a window state', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kd-win-'));
    for (const text of [
      '{',
      'null',
      '{"bounds":{"x":"1","y":0,"width":1,"height":1}}',
      '{"bounds":{"x":1e999,"y":0,"width":1,"height":1}}',
    ]) {
      writeFileSync(windowStateFile(home), text);
      expect(await loadWindowState(home), text).toBeNull();
    }
    expect(readFileSync(windowStateFile(home), 'utf8')).toContain('1e999');
  });

  it('opens centred at the default size the first time', () => {
    expect(placeWindow(null, [LAPTOP])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('puts the window back where it was when that place is on a display', () => {
    const saved = { bounds: { x: 1600, y: -100, width: 1300, height: 900 }, maximized: false };
    expect(placeWindow(saved, [LAPTOP, MONITOR])).toEqual({ x: 1600, y: -100, width: 1300, height: 900, maximized: false });
  });

  it('centres it on the primary display when its display is gone (the monitor was unplugged), sized to fit', () => {
    const saved = { bounds: { x: 1600, y: -100, width: 2400, height: 1300 }, maximized: true };
    expect(placeWindow(saved, [LAPTOP])).toEqual({ width: 1440, height: 875, maximized: true });
  });

  it('pulls a window hanging off the edge back onto its display and never makes it larger than the display', () => {
    const saved = { bounds: { x: 1300, y: 700, width: 1600, height: 1000 }, maximized: false };
    expect(placeWindow(saved, [LAPTOP])).toEqual({ x: 0, y: 0, width: 1440, height: 875, maximized: false });
    const offRight = { bounds: { x: 1000, y: 100, width: 1000, height: 600 }, maximized: false };
    expect(placeWindow(offRight, [LAPTOP])).toEqual({ x: 440, y: 100, width: 1000, height: 600, maximized: false });
  });

  it('keeps the minimum size on a display large enough for it', () => {
    const tiny = { bounds: { x: 50, y: 50, width: 200, height: 100 }, maximized: false };
    expect(placeWindow(tiny, [LAPTOP])).toEqual({ x: 50, y: 50, width: 800, height: 500, maximized: false });
  });
});
