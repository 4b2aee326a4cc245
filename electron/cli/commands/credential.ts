// `kubedesk credential --context NAME` (docs/cli.md): a client-go exec credential plugin, so kubectl
// and other tools can use an imported context (see export-kubeconfig) while its secret stays in
// the OS keychain. The one command whose stdout carries a secret, because that is its job.
import { KubeDeskError } from '../../core/errors.ts';
import { writeLine, type Command } from '../command.ts';
import { cliLogger } from '../cli-logger.ts';
import { contextOption, createCliCore } from '../cli-core.ts';

export const credentialCommand: Command = {
  name: 'credential',
  summary: 'exec credential plugin for kubectl: the secret of an imported context, from the keychain',
  usage: 'credential --context NAME',
  options: { context: { type: 'string' }, verbose: { type: 'boolean', short: 'v' } },
  positionals: { min: 0, max: 0 },
  async run(run) {
    const name = contextOption(run);
    if (!name) throw new KubeDeskError('invalid-input', '--context: required (the imported context whose credential to print)');
    const log = cliLogger(run);
    const cli = createCliCore(run, log);
    try {
      // Imported contexts only: a kubeconfig context of the same name must not answer for it.
      const importedOnly = cli.connectionsOver({ files: [], mustExist: false, origin: 'env' });
      const conn = await importedOnly.connect(name, run.signal);
      try {
        const auth = (await conn.authHeaders(run.signal))['Authorization'] ?? '';
        const status: Record<string, string> = {};
        if (auth.startsWith('Bearer ')) status['token'] = auth.slice('Bearer '.length);
        else if (auth) {
          throw new KubeDeskError(
            'invalid-input',
            `context "${name}" uses basic auth, which an exec credential cannot carry; use a token or client certificate`,
          );
        }
        if (conn.tls.cert && conn.tls.key) {
          status['clientCertificateData'] = conn.tls.cert.toString('utf8');
          status['clientKeyData'] = conn.tls.key.toString('utf8');
        }
        if (Object.keys(status).length === 0) throw new KubeDeskError('invalid-input', `context "${name}" has no credential to give`);
        writeLine(run.io.stdout, JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status }));
        return 0;
      } finally {
        conn.dispose();
      }
    } finally {
      await cli.dispose();
    }
  },
};
