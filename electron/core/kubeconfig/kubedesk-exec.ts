// The exec user entry through which kubectl (and every client-go tool) gets a secret from
// KubeDesk's keychain: `kubedesk credential …` as a client-go exec credential plugin
// (client-go/tools/clientcmd/api/v1/types.go ExecConfig; docs/kubeconfig.md, KubeDesk as an exec plugin).
import type { ExecConfig } from './kubeconfig-types.ts';

/** How another program starts `kubedesk`: an absolute command and the arguments before the command name. */
export interface KubedeskEntry {
  command: string;
  args: string[];
}

export const EXEC_CREDENTIAL_API_VERSION = 'client.authentication.k8s.io/v1';

/**
 * An exec entry running `kubedesk credential CREDENTIAL_ARGS`. Never interactive (the keychain
 * needs no prompt, and kubectl would otherwise hand it the terminal), no cluster info (the
 * answer does not depend on it), and no secret: only the entry's name is in the file.
 */
export function kubedeskExec(entry: KubedeskEntry, credentialArgs: string[], env: Array<{ name: string; value: string }> = []): ExecConfig {
  return {
    apiVersion: EXEC_CREDENTIAL_API_VERSION,
    command: entry.command,
    args: [...entry.args, 'credential', ...credentialArgs],
    ...(env.length > 0 ? { env } : {}),
    installHint: 'This user gets its credential from KubeDesk (kubedesk credential); install KubeDesk or its kubedesk command.',
    interactiveMode: 'Never',
    provideClusterInfo: false,
  };
}

/** The `--entry ACCOUNT` of an exec entry written by kubedeskExec (migrated users), or undefined. */
export function migratedEntryAccount(exec: ExecConfig | undefined): string | undefined {
  const args = exec?.args ?? [];
  const at = args.indexOf('credential');
  if (at < 0 || args[at + 1] !== '--entry') return undefined;
  return args[at + 2];
}
