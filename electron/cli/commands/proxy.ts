// `kubedesk proxy` (docs/cli.md): kubectl proxy for a context, with KubeDesk's hardening on by
// default (docs/proxy.md, docs/security.md). Ready line `Starting to serve on ADDR` (plus `Token: …` when a token is
// required); kubectl's warnings and `Error while proxying request: …` lines on stderr.
import {
  DEFAULT_ACCEPT_HOSTS,
  DEFAULT_ACCEPT_PATHS,
  DEFAULT_ADDRESS,
  DEFAULT_API_PREFIX,
  DEFAULT_PORT,
  DEFAULT_REJECT_METHODS,
  DEFAULT_REJECT_PATHS,
  type ProxyOptions,
} from '../../core/proxy/proxy-options.ts';
import { startProxyServer } from '../../core/proxy/proxy-server.ts';
import { decideProxyToken } from '../../core/proxy/proxy-token-policy.ts';
import { proxyWarnings } from '../../core/proxy/proxy-warnings.ts';
import { compileRegexList } from '../../core/proxy/regex-list.ts';
import { newLaunchToken } from '../../core/security/launch-token.ts';
import { cliLogger } from '../cli-logger.ts';
import { CONTEXT_OPTIONS, contextOption, createCliCore } from '../cli-core.ts';
import { stringOption, untilAborted, UsageError, writeLine, type Command, type CommandRun } from '../command.ts';
import { durationOption, portOption } from '../options.ts';

function regexFlag(run: CommandRun, flag: string, fallback: string): string {
  const value = stringOption(run.values, flag) ?? fallback;
  try {
    compileRegexList(flag, value);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return value;
}

export const proxyCommand: Command = {
  name: 'proxy',
  summary: 'kubectl proxy for a context (port 0 = random), safe against hostile web pages',
  usage: 'proxy [--port 8001] [--address IP] [--token] [--context NAME] [kubectl flags]',
  options: {
    ...CONTEXT_OPTIONS,
    port: { type: 'string', short: 'p' },
    address: { type: 'string' },
    'accept-hosts': { type: 'string' },
    'accept-paths': { type: 'string' },
    'reject-paths': { type: 'string' },
    'reject-methods': { type: 'string' },
    'api-prefix': { type: 'string' },
    'disable-filter': { type: 'boolean' },
    'unix-socket': { type: 'string', short: 'u' },
    keepalive: { type: 'string' },
    token: { type: 'boolean' },
    'no-token': { type: 'boolean' },
    'accept-origins': { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
  },
  positionals: { min: 0, max: 0 },
  async run(run) {
    const portFlag = stringOption(run.values, 'port');
    const port = portOption(portFlag, 'port', DEFAULT_PORT);
    const unixSocket = stringOption(run.values, 'unix-socket') || undefined;
    if (unixSocket !== undefined && port !== DEFAULT_PORT) throw new UsageError('cannot set --unix-socket and --port at the same time');
    if (run.values['token'] && run.values['no-token']) throw new UsageError('cannot set --token and --no-token at the same time');
    const address = stringOption(run.values, 'address') ?? DEFAULT_ADDRESS;
    if (address === '') throw new UsageError('--address: empty');
    const keepalive = stringOption(run.values, 'keepalive');

    const base = {
      port,
      address,
      unixSocket,
      acceptHosts: regexFlag(run, 'accept-hosts', DEFAULT_ACCEPT_HOSTS),
      acceptPaths: regexFlag(run, 'accept-paths', DEFAULT_ACCEPT_PATHS),
      rejectPaths: regexFlag(run, 'reject-paths', DEFAULT_REJECT_PATHS),
      rejectMethods: regexFlag(run, 'reject-methods', DEFAULT_REJECT_METHODS),
      acceptOrigins: regexFlag(run, 'accept-origins', ''),
      apiPrefix: stringOption(run.values, 'api-prefix') ?? DEFAULT_API_PREFIX,
      disableFilter: Boolean(run.values['disable-filter']),
      keepaliveMs: durationOption(keepalive, 'keepalive', 0),
    };
    const asked = run.values['token'] ? true : run.values['no-token'] ? false : undefined;
    const tokenRule = decideProxyToken('cli', { ...base, asked });
    const options: ProxyOptions = { ...base, token: tokenRule.required ? newLaunchToken() : undefined };

    const log = cliLogger(run);
    // Kubeconfig files and imported contexts, every auth kind (exec plugins use our terminal).
    const access = createCliCore(run, log);
    const conn = await access.connections.connect(contextOption(run)).catch(async (err: unknown) => {
      await access.dispose();
      throw err;
    });
    try {
      for (const w of proxyWarnings({ ...options, tokenDisabled: tokenRule.disabledOnExposedAddress })) writeLine(run.io.stderr, w);
      const server = await startProxyServer({ connection: conn, log, onProxyError: (line) => writeLine(run.io.stderr, line) }, options);
      writeLine(run.io.stdout, `Starting to serve on ${server.address}`);
      // The one place a token is printed: the user asked for it (docs/cli.md).
      if (options.token !== undefined) writeLine(run.io.stdout, `Token: ${options.token}`);
      await untilAborted(run.signal);
      await server.dispose();
    } finally {
      conn.dispose();
      await access.dispose();
    }
    return 0;
  },
};
