// Opens a URL in the user's default browser, or says why it didn't.

/** No display on Linux (CI, SSH): behave as `--no-open`. */
export function canOpenBrowser(env: NodeJS.ProcessEnv): boolean {
  if (process.platform !== 'linux') return true;
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

export async function openInBrowser(url: string): Promise<void> {
  // Loaded on demand: only `serve` opens a browser.
  const { default: open } = await import('open');
  const child = await open(url, { wait: false });
  child.on('error', () => {});
  child.unref();
}
