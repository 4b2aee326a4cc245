// Where an exec plugin's `command` is (docs/kubeconfig.md, Paths): a command with a path separator is a path,
// relative to the kubeconfig holding it; a bare name is looked up in PATH — the login shell's
// PATH for a GUI launch, which is why the lookup takes the env explicitly.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter as osDelimiter, isAbsolute, join, resolve } from 'node:path';

export interface FindExecutableOptions {
  /** The folder of the kubeconfig that names the command. */
  dir?: string | undefined;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export function hasPathSeparator(command: string, platform: NodeJS.Platform = process.platform): boolean {
  return command.includes('/') || (platform === 'win32' && command.includes('\\'));
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The command's absolute path, or undefined when it is not there (or not executable). */
export function findExecutable(command: string, opts: FindExecutableOptions): string | undefined {
  const platform = opts.platform ?? process.platform;
  const exts = platform === 'win32' ? ['', ...(opts.env['PATHEXT'] ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)] : [''];
  const candidates = (base: string): string[] => exts.map((e) => base + e);
  if (hasPathSeparator(command, platform)) {
    const full = isAbsolute(command) ? command : resolve(opts.dir ?? process.cwd(), command);
    return candidates(full).find((f) => isExecutableFile(f, platform));
  }
  const pathVar = opts.env['PATH'] ?? opts.env['Path'] ?? '';
  const sep = platform === 'win32' ? ';' : platform === process.platform ? osDelimiter : ':';
  for (const dir of pathVar.split(sep)) {
    if (dir === '') continue;
    const found = candidates(join(dir, command)).find((f) => isExecutableFile(f, platform));
    if (found) return found;
  }
  return undefined;
}
