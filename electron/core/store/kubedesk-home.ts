// KUBEDESK_HOME: where the app store lives. Default: the platform's user-data folder, the same
// one Electron's app.getPath('userData') names for productName "KubeDesk" (docs/cli.md).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface HomeInput {
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** The user's home folder; defaults to os.homedir(). */
  home?: string;
  cwd?: string;
}

export function resolveKubedeskHome(input: HomeInput): string {
  const { env } = input;
  const explicit = env['KUBEDESK_HOME'];
  if (explicit) return resolve(input.cwd ?? process.cwd(), explicit);
  const home = input.home ?? homedir();
  switch (input.platform ?? process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'KubeDesk');
    case 'win32':
      return join(env['APPDATA'] || join(home, 'AppData', 'Roaming'), 'KubeDesk');
    default:
      return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'KubeDesk');
  }
}
