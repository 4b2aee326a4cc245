// The window's size and position, remembered in KUBEDESK_HOME/window-state.json and put back on a
// display that is still there (a laptop undocked from its external monitor), as VS Code's
// validateWindowState does (src/vs/platform/windows/electron-main/windowImpl.ts).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/store/atomic-write.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** What BrowserWindow gets: no x/y means "centre it". */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1200, height: 760 };
export const MIN_SIZE = { width: 800, height: 500 };
/** How much of the title bar must be on a display for the window to stay where it was. */
const GRIP = { width: 100, height: 40 };

export const windowStateFile = (home: string): string => join(home, 'window-state.json');

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** The saved state, or null when there is none or it is not ours (a hand edit, a crash mid-write of an old version). */
export async function loadWindowState(home: string): Promise<WindowState | null> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(windowStateFile(home), 'utf8'));
  } catch {
    return null;
  }
  const s = data as { bounds?: Partial<Rect>; maximized?: unknown } | null;
  const b = s?.bounds;
  if (!b || !finite(b.x) || !finite(b.y) || !finite(b.width) || !finite(b.height)) return null;
  return { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, maximized: s.maximized === true };
}

export async function saveWindowState(home: string, state: WindowState): Promise<void> {
  await writeFileAtomic(windowStateFile(home), `${JSON.stringify(state, null, 2)}\n`);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

const clampSize = (size: number, min: number, max: number): number => Math.max(Math.min(size, max), Math.min(min, max));

/**
 * Where to open the window, given the displays' work areas (the primary first). The saved place is
 * kept when its title bar is on a display; the size never exceeds that display. Otherwise the
 * window is centred on the primary display.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[]): WindowPlacement {
  const primary = workAreas[0];
  if (!saved || !primary) return { ...sizeWithin(DEFAULT_SIZE, primary), maximized: saved?.maximized ?? false };
  const titleBar: Rect = { ...saved.bounds, height: Math.min(saved.bounds.height, GRIP.height) };
  const home = workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(GRIP.width, saved.bounds.width) && o.height >= Math.min(GRIP.height, titleBar.height);
  });
  if (!home) return { ...sizeWithin(saved.bounds, primary), maximized: saved.maximized };
  const { width, height } = sizeWithin(saved.bounds, home);
  // Pull the window back inside the display it is on, keeping as much of its place as fits.
  const x = Math.min(Math.max(saved.bounds.x, home.x), home.x + home.width - width);
  const y = Math.min(Math.max(saved.bounds.y, home.y), home.y + home.height - height);
  return { x, y, width, height, maximized: saved.maximized };
}

function sizeWithin(size: { width: number; height: number }, area: Rect | undefined): { width: number; height: number } {
  if (!area) return { width: Math.max(size.width, MIN_SIZE.width), height: Math.max(size.height, MIN_SIZE.height) };
  return { width: clampSize(size.width, MIN_SIZE.width, area.width), height: clampSize(size.height, MIN_SIZE.height, area.height) };
}
