// `kubedesk forward` (CLI.md): kubectl port-forward's arguments and lines (SPEC.md §2.1), but the
// listeners survive pod loss (SPEC.md §2.4): state lines such as `Lost connection to pod NAME`
// and `Reconnected to pod NAME` go to stderr. Runs until SIGINT/SIGTERM, then exits 0.
import { KubeDeskError } from '../../core/errors.ts';
import { ForwardSession } from '../../core/forward/forward-session.ts';
import { parseForwardTarget, type ForwardTarget } from '../../core/forward/forward-target.ts';
import { createKubeBackend } from '../../core/forward/kube-backend.ts';
import { DEFAULT_ADDRESSES, joinHostPort, parseListenAddresses, type ListenAddress } from '../../core/forward/listen-addresses.ts';
import { parsePortArgs, type PortArg } from '../../core/forward/port-args.ts';
import { cliLogger } from '../cli-logger.ts';
import { clusterAccess, CONTEXT_OPTIONS, contextOption } from '../cluster-access.ts';
import { stringOption, untilAborted, UsageError, writeLine, type Command, type OptionValue } from '../command.ts';

/** Go's time.ParseDuration for the forms kubectl users type: `1m0s`, `90s`, `500ms`, `2h`. */
export function parseGoDuration(value: string, flag: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    total += Number(m[1]) * units[m[2]!]!;
    matched = re.lastIndex;
  }
  if (value === '' || matched !== value.length) {
    if (value === '0') return 0;
    throw new UsageError(`invalid argument "${value}" for "--${flag}" flag: time: invalid duration "${value}"`);
  }
  return total;
}

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
    const podRunningTimeoutMs = parseGoDuration(stringOption(run.values, 'pod-running-timeout') ?? '1m0s', 'pod-running-timeout');
    const log = cliLogger(run);
    const { stdout, stderr } = run.io;
    // Every auth kind and imported contexts, as the other commands (cluster-access.ts).
    const access = clusterAccess(run, log);
    const conn = await access.connections.connect(contextOption(run), run.signal).catch((err: unknown) => {
      access.dispose();
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
          waiting: (pod, reason) => writeLine(stderr, `Waiting for pod ${pod}: ${reason}`),
          connectionError: (local, remote, message) => writeLine(stderr, `an error occurred forwarding ${local} -> ${remote}: ${message}`),
        },
      });
      const stop = (): Promise<void> => session.stop();
      run.signal.addEventListener('abort', () => void stop(), { once: true });
      try {
        await session.start();
      } catch (err) {
        if (run.signal.aborted) return 0;
        throw err;
      }
      await untilAborted(run.signal);
      await session.stop();
      return 0;
    } finally {
      conn.dispose();
      access.dispose();
    }
  },
};
