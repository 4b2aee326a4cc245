// `kubedesk credential --context NAME | --entry ACCOUNT` (docs/cli.md): a client-go exec credential
// plugin, so kubectl and other tools use an imported context (export-kubeconfig) or a migrated
// kubeconfig user (migrate) while the secret stays in the OS keychain. The one command whose
// stdout carries a secret, because that is its job. kubectl runs it before each command, so the
// common answers (a token, a client certificate) load only this file's small imports; the rest
// of the core is loaded when a connection is needed (OIDC refresh, key files, exec plugins).
import type { CoreParts } from '../../core/core-parts.ts';
import { execCredentialJson, execInfoApiVersion, type ExecCredentialStatus } from '../../core/credentials/exec-credential.ts';
import { quickImportedCredential } from '../../core/credentials/imported-credential.ts';
import { KeytarSecretStore } from '../../core/credentials/keytar-secret-store.ts';
import type { SecretStore } from '../../core/credentials/secret-store.ts';
import { KubeDeskError } from '../../core/errors.ts';
import { migratedCredential } from '../../core/kubeconfig/migrate-entry.ts';
import type { Logger } from '../../core/log.ts';
import { resolveKubedeskHome } from '../../core/store/kubedesk-home.ts';
import { stringOption, UsageError, writeLine, type Command, type CommandRun } from '../command.ts';
import { cliLogger } from '../cli-logger.ts';

export interface CredentialDeps {
  /** The keychain (the CLI's KeytarSecretStore; tests: a MemorySecretStore). */
  secrets: () => SecretStore;
  /** The core over the same keychain, for answers that need a connection. */
  core: (run: CommandRun, log: Logger, secrets: SecretStore) => Promise<CoreParts>;
}

/** Any imported context, through a connection: refreshes OIDC, reads key and token files, runs exec plugins. */
async function connectionCredential(cli: CoreParts, name: string, signal: AbortSignal): Promise<ExecCredentialStatus> {
  // Imported contexts only: a kubeconfig context of the same name must not answer for it.
  const conn = await cli.connectionsOver({ files: [], mustExist: false, origin: 'env' }).connect(name, signal);
  try {
    const auth = (await conn.authHeaders(signal))['Authorization'] ?? '';
    const status: ExecCredentialStatus = {};
    if (auth.startsWith('Bearer ')) status.token = auth.slice('Bearer '.length);
    else if (auth) {
      throw new KubeDeskError(
        'invalid-input',
        `context "${name}" uses basic auth, which an exec credential cannot carry; use a token or client certificate`,
      );
    }
    if (conn.tls.cert && conn.tls.key) {
      status.clientCertificateData = conn.tls.cert.toString('utf8');
      status.clientKeyData = conn.tls.key.toString('utf8');
    }
    if (!status.token && !status.clientKeyData) throw new KubeDeskError('invalid-input', `context "${name}" has no credential to give`);
    return status;
  } finally {
    conn.dispose();
  }
}

async function importedCredential(run: CommandRun, deps: CredentialDeps, name: string): Promise<ExecCredentialStatus> {
  const secrets = deps.secrets();
  const home = run.io.env['HOME'] ?? run.io.env['USERPROFILE'];
  const kubedeskHome = resolveKubedeskHome({ env: run.io.env, cwd: run.io.cwd, ...(home ? { home } : {}) });
  const quick = await quickImportedCredential(kubedeskHome, secrets, name);
  if (quick) return quick;
  const cli = await deps.core(run, cliLogger(run), secrets);
  try {
    return await connectionCredential(cli, name, run.signal);
  } finally {
    await cli.dispose();
  }
}

export function credentialCommandOver(deps: CredentialDeps): Command {
  return {
    name: 'credential',
    summary: 'exec credential plugin for kubectl: the secret of an imported context or migrated user, from the keychain',
    usage: 'credential --context NAME | --entry ACCOUNT',
    options: { context: { type: 'string' }, entry: { type: 'string' }, verbose: { type: 'boolean', short: 'v' } },
    positionals: { min: 0, max: 0 },
    async run(run) {
      const name = stringOption(run.values, 'context');
      const entry = stringOption(run.values, 'entry');
      if (name !== undefined && entry !== undefined) throw new UsageError('--context and --entry: give one of them');
      if (!name && !entry) {
        throw new KubeDeskError('invalid-input', '--context: required (the imported context whose credential to print), or --entry');
      }
      const status = entry ? await migratedCredential(deps.secrets(), entry, run.signal) : await importedCredential(run, deps, name!);
      // KUBERNETES_EXEC_INFO also says whether kubectl has a terminal for us: no answer here ever prompts.
      writeLine(run.io.stdout, execCredentialJson(status, execInfoApiVersion(run.io.env['KUBERNETES_EXEC_INFO'])));
      return 0;
    },
  };
}

export const credentialCommand: Command = credentialCommandOver({
  secrets: () => new KeytarSecretStore(),
  core: async (run, log) => (await import('../cli-core.ts')).createCliCore(run, log),
});
