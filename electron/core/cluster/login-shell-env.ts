// The user's login-shell environment, for exec plugins in a GUI launch. An app started
// from the dock, Finder or a desktop menu inherits launchd's/the session's minimal env, not what
// ~/.zshrc or ~/.bash_profile set up, so `aws`, `gcloud` or `kubelogin` in /opt/homebrew/bin or
// ~/.local/bin are "not found" — the most reported credential failure in Freelens, Headlamp and
// kubefwd. Like VS Code (src/vs/platform/shell/node/shellEnv.ts) and the `shell-env` package, run
// the login shell once, interactive, and have it print its env as JSON between markers.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';

export interface LoginShellOptions {
  /** This process's env (SHELL, HOME…). */
  env: NodeJS.ProcessEnv;
  /** A Node-capable binary to print the env: Electron's own with ELECTRON_RUN_AS_NODE, or node. */
  execPath: string;
  platform?: NodeJS.Platform;
  timeoutMs?: number;
}

const DROPPED = ['ELECTRON_RUN_AS_NODE', 'ELECTRON_NO_ATTACH_CONSOLE', 'SHLVL', '_', 'PWD', 'OLDPWD'];

/** Parses the shell's output: the JSON env between two markers (rc files may print anything around it). */
export function parseMarkedEnv(output: string, mark: string): NodeJS.ProcessEnv | undefined {
  const start = output.indexOf(mark);
  const end = output.lastIndexOf(mark);
  if (start < 0 || end <= start) return undefined;
  try {
    const env = JSON.parse(output.slice(start + mark.length, end)) as Record<string, unknown>;
    const out: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(env)) if (typeof v === 'string' && !DROPPED.includes(k)) out[k] = v;
    return out;
  } catch {
    return undefined;
  }
}

/**
 * The login shell's env merged over `env` (the shell's values win, e.g. PATH). Resolves to `env`
 * unchanged on Windows, without a SHELL, or when the shell fails or takes longer than the timeout.
 */
export async function loginShellEnv(
  opts: LoginShellOptions,
): Promise<{ env: NodeJS.ProcessEnv; from: 'shell' | 'process'; reason?: string }> {
  const platform = opts.platform ?? process.platform;
  const shell = opts.env['SHELL'];
  if (platform === 'win32' || !shell) return { env: opts.env, from: 'process', reason: platform === 'win32' ? 'windows' : 'no SHELL' };
  const mark = `__KUBEDESK_ENV_${randomBytes(6).toString('hex')}__`;
  const print = `'${opts.execPath.replace(/'/g, `'\\''`)}' -e 'process.stdout.write("${mark}" + JSON.stringify(process.env) + "${mark}")'`;
  // csh/tcsh do not take -l with -c; fish and the POSIX shells take -i -l -c.
  const name = basename(shell);
  const args = name === 'tcsh' || name === 'csh' ? ['-ic', print] : ['-i', '-l', '-c', print];
  return new Promise((resolve) => {
    const child = spawn(shell, args, {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...opts.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ATTACH_CONSOLE: '1' },
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ env: opts.env, from: 'process', reason: `${shell} took longer than ${opts.timeoutMs ?? 10_000} ms` });
    }, opts.timeoutMs ?? 10_000);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => (out += d));
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ env: opts.env, from: 'process', reason: err.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const env = parseMarkedEnv(out, mark);
      if (env) resolve({ env: { ...opts.env, ...env }, from: 'shell' });
      else resolve({ env: opts.env, from: 'process', reason: `${shell} exited with ${code} without printing its env` });
    });
  });
}
