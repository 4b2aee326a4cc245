// What exported and migrated kubeconfigs run to reach `kubedesk credential`: an absolute path that
// works from any folder, without the app running, and that survives updates (docs/kubeconfig.md,
// KubeDesk as an exec plugin).
// - Installed app: the `kubedesk` launcher it installs at a fixed place (as VS Code installs
//   `code`) sets KUBEDESK_CLI to its own path; that path is written.
// - A clone: the Node that runs this command (>= 22, it strips types) and this checkout's
//   kubedesk.mjs (bin.ts without loading the type stripper first).
import { isAbsolute, join } from 'node:path';
import type { KubedeskEntry } from '../core/kubeconfig/kubedesk-exec.ts';

export function kubedeskEntry(env: NodeJS.ProcessEnv): KubedeskEntry {
  const launcher = env['KUBEDESK_CLI'];
  if (launcher && isAbsolute(launcher)) return { command: launcher, args: [] };
  return { command: process.execPath, args: [join(import.meta.dirname, 'kubedesk.mjs')] };
}
