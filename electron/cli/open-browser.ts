// Opens a URL in the user's default browser, or says why it didn't.
import open from 'open';

/** No display on Linux (CI, SSH): behave as `--no-open` (issue 3). */
export function canOpenBrowser(env: NodeJS.ProcessEnv): boolean {
  if (process.platform !== 'linux') return true;
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

export async function openInBrowser(url: string): Promise<void> {
  const child = await open(url, { wait: false });
  child.on('error', () => {});
  child.unref();
}
