// The app shell's state: which view shows (kept in the location hash, so a reload stays put),
// the document title per view, and the theme choice (system, light or dark) kept in localStorage.

export const VIEWS = [
  { id: 'contexts', label: 'Clusters' },
  { id: 'services', label: 'Services' },
  { id: 'topology', label: 'Topology' },
  { id: 'forwards', label: 'Port forwards' },
  { id: 'proxies', label: 'API proxies' },
  { id: 'settings', label: 'Settings' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const THEME_KEY = 'kubedesk.theme';

/** The part of `Storage` the shell uses (window.localStorage, or a Map-backed one in tests). */
export interface ThemeStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function viewFromHash(hash: string): ViewId {
  return VIEWS.find((v) => hash === `#${v.id}`)?.id ?? 'contexts';
}

function viewLabel(id: ViewId): string {
  return VIEWS.find((v) => v.id === id)!.label;
}

/** Ctrl/Cmd+1..6 → the view in that place in the sidebar; undefined for other keys. */
export function viewForShortcut(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}): ViewId | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return undefined;
  const n = Number(e.key);
  return Number.isInteger(n) && n >= 1 && n <= VIEWS.length ? VIEWS[n - 1]!.id : undefined;
}

/** Ctrl/Cmd+K, the command palette's key (as in VS Code's quick open and GitHub's command palette). */
export function isPaletteShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k';
}

export class ShellState {
  view = $state<ViewId>('contexts');
  theme = $state<Theme>('system');
  paletteOpen = $state(false);
  /** The last long action's result (the palette's), shown as a status line until dismissed. */
  notice = $state.raw<{ text: string; url?: string | undefined; at: number } | null>(null);
  title = $derived(`${viewLabel(this.view)} — KubeDesk`);
  #store: ThemeStore | undefined;

  constructor(opts: { hash: string; store?: ThemeStore | undefined }) {
    this.view = viewFromHash(opts.hash);
    this.#store = opts.store;
    const saved = this.#read();
    if ((THEMES as readonly string[]).includes(saved ?? '')) this.theme = saved as Theme;
  }

  go(view: ViewId): void {
    this.view = view;
    this.paletteOpen = false;
  }

  tell(text: string, url?: string): void {
    this.notice = { text, url, at: Date.now() };
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    try {
      this.#store?.setItem(THEME_KEY, theme);
    } catch {
      // Storage refused (quota, privacy mode): the choice lasts for this window only.
    }
  }

  #read(): string | null {
    try {
      return this.#store?.getItem(THEME_KEY) ?? null;
    } catch {
      return null;
    }
  }
}
