// `kubedesk url [-n NS] [https:]SERVICE[:PORT] [PATH]` (docs/cli.md, docs/service-proxy.md): the apiserver
// service-proxy URL of a service, built from the context's kubeconfig server alone: no credentials, no network.
// With `--local-proxy ADDR`, a second line gives the same target through a running `kubedesk proxy`.
import { KubeDeskError } from '../../core/errors.ts';
import { currentContextOf } from '../../core/kubeconfig/context-union.ts';
import { locate, validateContextRefs } from '../../core/kubeconfig/validate-kubeconfig.ts';
import {
  localProxyUrl,
  parseServiceRef,
  serviceProxyPath,
  serviceProxyUrl,
  type ServiceProxyTarget,
} from '../../core/services/proxy-url.ts';
import { cliLogger } from '../cli-logger.ts';
import { CONTEXT_OPTIONS, contextOption, createCliCore, type CliCore } from '../cli-core.ts';
import { stringOption, UsageError, writeLine, type Command } from '../command.ts';

/** The context's server and namespace, as `connect` would pick the context (connection-provider.ts), minus the secrets. */
async function serverOf(cli: CliCore, context: string | undefined): Promise<{ server: string; namespace: string | undefined }> {
  const { union, problems } = await cli.connections.load();
  const name = context ?? currentContextOf(union, 'kubectl');
  // No context at all: kubectl's http://localhost:8080 (docs/kubeconfig.md).
  if (name === undefined) {
    if (union.contexts.size > 0) throw new KubeDeskError('invalid-input', 'no current context: pass --context NAME');
    return { server: 'http://localhost:8080', namespace: undefined };
  }
  const ctx = union.contexts.get(name);
  if (!ctx) {
    const why = problems.length > 0 ? ` (not loaded: ${problems.map((p) => p.message).join('; ')})` : '';
    throw new KubeDeskError('not-found', `context was not found for specified context: ${name}${why}`);
  }
  // Only the cluster matters here: the user (and its secrets) are never read.
  const refs = validateContextRefs(ctx.name, ctx.context.value, { cluster: () => ctx.cluster !== undefined, user: () => true });
  const bad = refs.find((p) => p.field === 'cluster');
  if (bad || !ctx.cluster) throw new KubeDeskError('invalid-input', locate(ctx.context, 'contexts', bad ?? refs[0]!));
  const server = ctx.cluster.value.server;
  if (!server) throw new KubeDeskError('invalid-input', `${ctx.cluster.file}: cluster "${ctx.cluster.name}" has no server`);
  return { server, namespace: ctx.context.value.namespace };
}

export const urlCommand: Command = {
  name: 'url',
  summary: 'the apiserver service-proxy URL of a service',
  usage: 'url [-n NS] [--context NAME] [--local-proxy ADDR] [https:]SERVICE[:PORT] [PATH]',
  options: {
    ...CONTEXT_OPTIONS,
    namespace: { type: 'string', short: 'n' },
    'local-proxy': { type: 'string' },
  },
  positionals: { min: 1, max: 2 },
  async run(run) {
    const [arg, path] = run.positionals as [string, string | undefined];
    const flagNamespace = stringOption(run.values, 'namespace');
    let service;
    try {
      service = parseServiceRef(arg);
      // The path and an -n namespace are the user's words too: their errors are usage errors.
      serviceProxyPath({ namespace: flagNamespace || 'default', service, path });
    } catch (err) {
      if (err instanceof KubeDeskError) throw new UsageError(err.message);
      throw err;
    }
    const local = stringOption(run.values, 'local-proxy');
    const cli = createCliCore(run, cliLogger(run));
    try {
      const { server, namespace } = await serverOf(cli, contextOption(run));
      const target: ServiceProxyTarget = {
        namespace: flagNamespace || namespace || 'default',
        service,
        path,
      };
      const lines = [serviceProxyUrl(server, target)];
      if (local !== undefined) lines.push(`Through kubedesk proxy: ${localProxyUrl(local, target)}`);
      for (const line of lines) writeLine(run.io.stdout, line);
      return 0;
    } finally {
      await cli.dispose();
    }
  },
};
