import { describe, expect, it } from 'vitest';
import {
  isPaletteShortcut,
  ShellState,
  viewForShortcut,
  viewFromHash,
  type ThemeStore,
} from '../../../../renderer/src/lib/state/shell.svelte.ts';

function memoryStore(initial: Record<string, string> = {}): ThemeStore & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('ShellState', () => {
  it('starts on the view the hash names, else Clusters, and titles the tab after the view', () => {
    expect(new ShellState({ hash: '#forwards' }).view).toBe('forwards');
    expect(new ShellState({ hash: '#nope' }).view).toBe('contexts');
    const s = new ShellState({ hash: '' });
    expect(s.title).toBe('Clusters — KubeDesk');
    s.go('services');
    expect(s.title).toBe('Services — KubeDesk');
    s.go('settings');
    expect(s.title).toBe('Settings — KubeDesk');
  });

  it('going to a view closes the palette', () => {
    const s = new ShellState({ hash: '' });
    s.paletteOpen = true;
    s.go('topology');
    expect(s.paletteOpen).toBe(false);
  });

  it('keeps the theme choice in storage and reads it back; junk or a refusing store means system', () => {
    const store = memoryStore();
    const s = new ShellState({ hash: '', store });
    expect(s.theme).toBe('system');
    s.setTheme('dark');
    expect(store.data['kubedesk.theme']).toBe('dark');
    expect(new ShellState({ hash: '', store }).theme).toBe('dark');
    expect(new ShellState({ hash: '', store: memoryStore({ 'kubedesk.theme': 'purple' }) }).theme).toBe('system');
    const refusing: ThemeStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    const r = new ShellState({ hash: '', store: refusing });
    expect(r.theme).toBe('system');
    r.setTheme('light');
    expect(r.theme).toBe('light');
  });

  it('tells a result as a notice, newest wins', () => {
    const s = new ShellState({ hash: '' });
    s.tell('Opened shop/web', 'http://127.0.0.1:5000/');
    expect(s.notice).toMatchObject({ text: 'Opened shop/web', url: 'http://127.0.0.1:5000/' });
    s.tell('Forward svc/web is active');
    expect(s.notice?.text).toBe('Forward svc/web is active');
  });
});

describe('shortcuts', () => {
  it('maps Ctrl or Cmd + 1..6 to the sidebar views in order, and nothing else', () => {
    expect(viewForShortcut(key('1', { ctrlKey: true }))).toBe('contexts');
    expect(viewForShortcut(key('2', { metaKey: true }))).toBe('services');
    expect(viewForShortcut(key('6', { ctrlKey: true }))).toBe('settings');
    expect(viewForShortcut(key('7', { ctrlKey: true }))).toBeUndefined();
    expect(viewForShortcut(key('0', { ctrlKey: true }))).toBeUndefined();
    expect(viewForShortcut(key('2'))).toBeUndefined();
    expect(viewForShortcut(key('2', { ctrlKey: true, shiftKey: true }))).toBeUndefined();
    expect(viewForShortcut(key('2', { ctrlKey: true, altKey: true }))).toBeUndefined();
  });

  it('opens the palette on Ctrl+K or Cmd+K only', () => {
    expect(isPaletteShortcut(key('k', { ctrlKey: true }))).toBe(true);
    expect(isPaletteShortcut(key('K', { metaKey: true }))).toBe(true);
    expect(isPaletteShortcut(key('k'))).toBe(false);
    expect(isPaletteShortcut(key('k', { ctrlKey: true, altKey: true }))).toBe(false);
  });

  it('reads the view from the hash', () => {
    expect(viewFromHash('#topology')).toBe('topology');
    expect(viewFromHash('#settings')).toBe('settings');
    expect(viewFromHash('')).toBe('contexts');
  });
});
