// What kubeconfigs the app exports or migrates run to reach `kubedesk credential`
// (docs/kubeconfig.md, KubeDesk as an exec plugin): the installed `kubedesk` shim, which sets
// KUBEDESK_CLI to its own absolute path; serve mode from a clone: the Node running it and the
// checkout's electron/cli/kubedesk.mjs; the Electron app without a shim: `kubedesk` on PATH (kubectl
// looks a bare command up on PATH, client-go/plugin/pkg/client/auth/exec/exec.go).
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubedeskEntry } from './kubedesk-exec.ts';

export interface EntryHost {
  env: NodeJS.ProcessEnv;
  execPath: string;
  /** Running inside Electron (whose binary does not run scripts: RunAsNode is off, docs/desktop.md). */
  electron: boolean;
}

const CHECKOUT_ENTRY = fileURLToPath(new URL('../../cli/kubedesk.mjs', import.meta.url));

export function appKubedeskEntry(host: EntryHost = defaultHost()): KubedeskEntry {
  const launcher = host.env['KUBEDESK_CLI'];
  if (launcher && isAbsolute(launcher)) return { command: launcher, args: [] };
  if (!host.electron && existsSync(CHECKOUT_ENTRY)) return { command: host.execPath, args: [CHECKOUT_ENTRY] };
  return { command: 'kubedesk', args: [] };
}

function defaultHost(): EntryHost {
  return { env: process.env, execPath: process.execPath, electron: process.versions['electron'] !== undefined };
}
