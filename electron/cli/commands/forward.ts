// `kubedesk forward` (docs/cli.md): kubectl port-forward's arguments and lines
// (docs/port-forward.md, Arguments), but the listeners survive pod loss (docs/port-forward.md,
// Pod loss): state lines such as `Lost connection to pod NAME` and `Reconnected to pod NAME` go
// to stderr, with the reason of each failed attempt. Runs until SIGINT/SIGTERM, then exits 0;
// exits 1 when TLS or credentials keep being refused (the forward is Failed).
import { KubeDeskError } from '../../core/errors.ts';
import { ForwardSession } from '../../core/forward/forward-session.ts';
import { parseForwardTarget, type ForwardTarget } from '../../core/forward/forward-target.ts';
import { forwardWarnings } from '../../core/forward/forward-warnings.ts';
import { createKubeBackend } from '../../core/forward/kube-backend.ts';
import { DEFAULT_ADDRESSES, joinHostPort, parseListenAddresses, type ListenAddress } from '../../core/forward/listen-addresses.ts';
import { parsePortArgs, type PortArg } from '../../core/forward/port-args.ts';
import { cliLogger } from '../cli-logger.ts';
import { CONTEXT_OPTIONS, contextOption, createCliCore } from '../cli-core.ts';
import { stringOption, untilAborted, UsageError, writeLine, type Command, type OptionValue } from '../command.ts';
import { durationOption } from '../options.ts';

function addressValues(v: OptionValue): string[] {
  if (v === undefined) return [...DEFAULT_ADDRESSES];
  return (Array.isArray(v) ? v : [v]).map(String);
}

interface ParsedArgs {
  target: ForwardTarget;
  ports: PortArg[];
  addresses: ListenAddress[];
}

/** Everything kubectl checks before it talks to the cluster; its errors are usage errors here. */
function parseArgs(positionals: string[], values: Record<string, OptionValue>): ParsedArgs {
  if (positionals.length < 2) throw new UsageError('TYPE/NAME and list of ports are required for port-forward');
  try {
    return {
      target: parseForwardTarget(positionals[0]!),
      ports: parsePortArgs(positionals.slice(1)),
      addresses: parseListenAddresses(addressValues(values['address'])),
    };
  } catch (err) {
    if (err instanceof KubeDeskError) throw new UsageError(err.message);
    throw err;
  }
}

export const forwardCommand: Command = {
  name: 'forward',
  summary: 'port-forward to a pod, service or deployment; survives pod restarts',
  usage: 'forward [-n NS] TYPE/NAME [LOCAL:]REMOTE… [--address localhost] [--context NAME]',
  options: {
    ...CONTEXT_OPTIONS,
    namespace: { type: 'string', short: 'n' },
    address: { type: 'string', multiple: true },
    'pod-running-timeout': { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
  },
  positionals: { min: 0, max: 1000 },
  async run(run) {
    const args = parseArgs(run.positionals, run.values);
    const podRunningTimeoutMs = durationOption(stringOption(run.values, 'pod-running-timeout'), 'pod-running-timeout', 60_000);
    const log = cliLogger(run);
    const { stdout, stderr } = run.io;
    for (const w of forwardWarnings(args.addresses)) writeLine(stderr, w);
    // Every auth kind and imported contexts, as the other commands (cli-core.ts).
    const access = createCliCore(run, log);
    const conn = await access.connections.connect(contextOption(run), run.signal).catch(async (err: unknown) => {
      await access.dispose();
      throw err;
    });
    try {
      const namespace = stringOption(run.values, 'namespace') || conn.namespace;
      const session = new ForwardSession({
        backend: createKubeBackend({ conn, request: { namespace, target: args.target, ports: args.ports }, podRunningTimeoutMs }),
        addresses: args.addresses,
        log,
        partialListen: true,
        observer: {
          listening: (bindings, failures) => {
            for (const b of bindings) writeLine(stdout, `Forwarding from ${joinHostPort(b.address, b.local)} -> ${b.remote}`);
            for (const f of failures) writeLine(stderr, `Unable to listen on port ${f.local}: ${f.message}`);
          },
          connection: (local) => writeLine(stdout, `Handling connection for ${local}`),
          lost: (pod) => writeLine(stderr, `Lost connection to pod ${pod}`),
          reconnected: (pod) => writeLine(stderr, `Reconnected to pod ${pod}`),
          waiting: (pod) => writeLine(stderr, `Waiting for pod ${pod} to be Running`),
          attemptFailed: (pod, reason) => writeLine(stderr, `Could not reach pod ${pod}: ${reason}`),
          connectionError: (local, remote, message) => writeLine(stderr, `an error occurred forwarding ${local} -> ${remote}: ${message}`),
          // TLS or credentials refused, tries exhausted: nothing will work until the user acts.
          changed: (snap) => {
            if (snap.state === 'failed') gaveUp.abort();
          },
        },
      });
      const gaveUp = new AbortController();
      const stop = (): Promise<void> => session.stop();
      run.signal.addEventListener('abort', () => void stop(), { once: true });
      try {
        await session.start();
      } catch (err) {
        if (run.signal.aborted) return 0;
        throw err;
      }
      await untilAborted(AbortSignal.any([run.signal, gaveUp.signal]));
      const failure = session.snapshot();
      await session.stop();
      if (!run.signal.aborted && failure.state === 'failed') {
        throw new KubeDeskError(
          failure.lastError?.code ?? 'unreachable',
          failure.lastError?.message ?? failure.reason ?? 'the forward failed',
        );
      }
      return 0;
    } finally {
      conn.dispose();
      await access.dispose();
    }
  },
};
