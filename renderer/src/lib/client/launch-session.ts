// Serve mode's session token (docs/security.md, serve mode): the URL `kubedesk serve` prints or
// opens carries a one-time launch code (`#code=…`), which this page trades once, over POST
// /session, for the session token. The token is kept in sessionStorage (this tab only, gone when
// it closes) and never appears in a URL.
import {
  LAUNCH_CODE_PARAM,
  SESSION_PATH,
  type SessionRequest,
  type SessionResponse,
} from '../../../../electron/shared/bridge-protocol.ts';

const TOKEN_KEY = 'kubedesk.token';

export type LaunchSession = { token: string } | { token: undefined; reason: 'no-code' | 'code-refused' };

export interface LaunchSessionWindow {
  location: { hash: string; pathname: string; search: string; origin: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  fetch: typeof fetch;
}

/** Reads `#code=…` once (and removes it from the address bar), or this tab's stored token. */
export async function startLaunchSession(win: LaunchSessionWindow): Promise<LaunchSession> {
  const match = new RegExp(`(?:^#|&)${LAUNCH_CODE_PARAM}=([A-Za-z0-9_-]+)`).exec(win.location.hash);
  const stored = win.sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  if (!match?.[1]) return stored ? { token: stored } : { token: undefined, reason: 'no-code' };
  win.history.replaceState(null, '', win.location.pathname + win.location.search);
  try {
    const res = await win.fetch(`${win.location.origin}${SESSION_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: match[1] } satisfies SessionRequest),
      cache: 'no-store',
      credentials: 'omit',
    });
    if (res.ok) {
      const { token } = (await res.json()) as SessionResponse;
      win.sessionStorage.setItem(TOKEN_KEY, token);
      return { token };
    }
  } catch {
    // Fall through: the server is gone or refused; a token this tab already holds still works.
  }
  return stored ? { token: stored } : { token: undefined, reason: 'code-refused' };
}
