// macOS's "Install 'kubedesk' command in PATH" (app menu), as VS Code installs `code`: a symlink
// /usr/local/bin/kubedesk → KubeDesk.app/Contents/Resources/bin/kubedesk (docs/desktop.md, The
// `kubedesk` command with RunAsNode off). /usr/local/bin is often root's (or missing, on Apple
// silicon): then the same link is made through an administrator prompt.
import { execFile } from 'node:child_process';
import { lstat, readlink, symlink, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { KubeDeskError } from '../core/errors.ts';

export const COMMAND_LINK = '/usr/local/bin/kubedesk';

export interface InstallCommandOptions {
  /** The bundled shim (cli-shim-path.ts bundledShimPath). */
  shim: string;
  /** Where the link goes: COMMAND_LINK, or a temp folder in tests. */
  link: string;
  /** Runs a shell command as root after asking the user (osascriptAsAdmin). */
  runAsAdmin(command: string): Promise<void>;
}

export type InstallOutcome = 'installed' | 'already-installed' | 'installed-as-admin';

const quoteShell = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
const quoteAppleScript = (s: string): string => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** The AppleScript that runs COMMAND as root behind the system's administrator prompt. */
export function adminAppleScript(command: string): string {
  return `do shell script ${quoteAppleScript(command)} with administrator privileges`;
}

export async function osascriptAsAdmin(command: string): Promise<void> {
  await promisify(execFile)('/usr/bin/osascript', ['-e', adminAppleScript(command)]);
}

async function linkTarget(path: string): Promise<string | null | undefined> {
  try {
    const st = await lstat(path);
    return st.isSymbolicLink() ? await readlink(path) : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

const needsAdmin = (err: unknown): boolean => ['EACCES', 'EPERM', 'ENOENT'].includes((err as NodeJS.ErrnoException).code ?? '');

/**
 * Links `link` to the shim. An earlier link (another KubeDesk copy, an old location) is replaced;
 * a file that is not a link is someone else's and stays.
 */
export async function installCommand(o: InstallCommandOptions): Promise<InstallOutcome> {
  const before = await linkTarget(o.link);
  if (before === o.shim) return 'already-installed';
  if (before === null) {
    throw new KubeDeskError('invalid-input', `${o.link} exists and is not a link to KubeDesk's command; remove it first`);
  }
  try {
    if (before !== undefined) await unlink(o.link);
    await symlink(o.shim, o.link);
    return 'installed';
  } catch (err) {
    if (!needsAdmin(err)) throw err;
  }
  const refused = (cause?: unknown): KubeDeskError =>
    new KubeDeskError('forbidden', `${o.link} was not created: the administrator prompt was refused or failed`, { cause });
  try {
    await o.runAsAdmin(`mkdir -p ${quoteShell(dirname(o.link))} && ln -sfn ${quoteShell(o.shim)} ${quoteShell(o.link)}`);
  } catch (err) {
    throw refused(err);
  }
  if ((await linkTarget(o.link)) !== o.shim) throw refused();
  return 'installed-as-admin';
}
