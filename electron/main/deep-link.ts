// `kubedesk://` links (docs/desktop.md, Links): `kubedesk://view/services` shows a view,
// `kubedesk://forward/start?id=ID` starts a saved forward. macOS hands them to the running app as
// `open-url`; Windows and Linux start the app with the link as an argument, which the
// single-instance lock passes to the first instance as `second-instance` argv
// (https://www.electronjs.org/docs/latest/tutorial/launch-app-from-url-in-another-app).

export const LINK_SCHEME = 'kubedesk';

/** The renderer's views, by id (renderer/src/lib/state/shell.svelte.ts VIEWS; a test keeps them equal). */
export const LINK_VIEWS = ['contexts', 'services', 'topology', 'forwards', 'proxies', 'settings'] as const;
export type LinkView = (typeof LINK_VIEWS)[number];

export type DeepLink = { kind: 'view'; view: LinkView } | { kind: 'start-forward'; id: string };

/** Forward ids are UUIDs (forward-manager.ts); anything unlike an id is not looked up. */
const FORWARD_ID = /^[A-Za-z0-9._-]{1,128}$/;

export function parseDeepLink(raw: string): DeepLink | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${LINK_SCHEME}:`) return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  if (url.hostname === 'view') {
    const view = LINK_VIEWS.find((v) => path === `/${v}`);
    return view ? { kind: 'view', view } : undefined;
  }
  if (url.hostname === 'forward' && path === '/start') {
    const id = url.searchParams.get('id') ?? '';
    return FORWARD_ID.test(id) ? { kind: 'start-forward', id } : undefined;
  }
  return undefined;
}

/** The link among a launch's arguments (Windows and Linux pass it as one), if any. */
export function linkInArgv(argv: readonly string[]): string | undefined {
  return argv.find((a) => a.toLowerCase().startsWith(`${LINK_SCHEME}:`));
}
