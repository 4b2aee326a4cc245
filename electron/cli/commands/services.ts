// `kubedesk services [--context NAME] [-n NS | -A] [--json]` (docs/cli.md, docs/services.md): the services of a
// namespace (the context's unless -n) or of all, with their readiness. The NAME, TYPE, CLUSTER-IP and PORT(S) columns,
// and EXTERNAL's text, are `kubectl get services`' (kubernetes pkg/printers/internalversion/printers.go, printService).
import type { ServiceSummary } from '../../shared/contract/services.ts';
import { listServices, type ListedService } from '../../core/services/discovery/list-services.ts';
import type { ServiceRecord } from '../../core/services/discovery/records.ts';
import { cliLogger } from '../cli-logger.ts';
import { createCliCore, CONTEXT_OPTIONS, contextOption } from '../cli-core.ts';
import { stringOption, UsageError, writeLine, type Command } from '../command.ts';
import { formatTable } from '../table.ts';

/** printers.go loadBalancerWidth: longer ingress lists are cut unless -o wide. */
const LOAD_BALANCER_WIDTH = 16;

/** printers.go getServiceExternalIP (not wide). */
function externalCell(s: ServiceRecord): string {
  switch (s.type) {
    case 'ClusterIP':
    case 'NodePort':
      return s.externalIPs.length ? s.externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      // loadBalancerStatusStringer: a sorted set of ingress IPs (else hostnames).
      let lb = [...new Set(s.ingress)].sort().join(',');
      if (lb.length > LOAD_BALANCER_WIDTH) lb = lb.slice(0, LOAD_BALANCER_WIDTH - 3) + '...';
      if (s.externalIPs.length) return [...(lb ? lb.split(',') : []), ...s.externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return s.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** printers.go makePortString: `80/TCP`, `80:30080/TCP`, comma-joined. */
function portsCell(s: ServiceRecord): string {
  const text = s.ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
  return text || '<none>';
}

function statusCell(r: ServiceSummary['readiness']): string {
  const total = r.ready + r.notReady;
  const why = r.reasons.length ? ` (${r.reasons.join(', ')})` : '';
  switch (r.state) {
    case 'ready':
      return `Ready ${r.ready}/${total}`;
    case 'not-ready':
      return `NotReady ${r.ready}/${total}${why}`;
    case 'no-endpoints':
      return `NoEndpoints${why}`;
    case 'no-selector':
      return 'NoSelector';
  }
}

function table(rows: ListedService[], all: boolean): string {
  const header = ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL', 'PORT(S)', 'STATUS'];
  const cells = rows.map(({ record: s, summary }) => {
    const row = [s.name, s.type, s.clusterIP ?? '<none>', externalCell(s), portsCell(s), statusCell(summary.readiness)];
    return all ? [s.namespace, ...row] : row;
  });
  return formatTable(all ? ['NAMESPACE', ...header] : header, cells);
}

export const servicesCommand: Command = {
  name: 'services',
  summary: 'services with their readiness, proxy URLs and external addresses',
  usage: 'services [--context NAME] [-n NS | -A] [--json]',
  options: {
    ...CONTEXT_OPTIONS,
    namespace: { type: 'string', short: 'n' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    json: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  async run(run) {
    const flagNamespace = stringOption(run.values, 'namespace');
    const all = Boolean(run.values['all-namespaces']);
    if (flagNamespace !== undefined && all) throw new UsageError('-n/--namespace and -A/--all-namespaces cannot be used together');
    if (flagNamespace === '') throw new UsageError('-n/--namespace needs a namespace name');
    const json = Boolean(run.values['json']);
    const cli = createCliCore(run, cliLogger(run));
    try {
      const conn = await cli.connections.connect(contextOption(run), run.signal);
      try {
        const namespace = all ? null : (flagNamespace ?? conn.namespace);
        const rows = await listServices(conn, namespace, run.signal);
        if (json) {
          writeLine(
            run.io.stdout,
            JSON.stringify(
              rows.map((r) => r.summary),
              null,
              2,
            ),
          );
          return 0;
        }
        // kubectl's words for an empty list, on stderr, exit 0 (kubectl/pkg/cmd/get/get.go).
        if (rows.length === 0)
          writeLine(run.io.stderr, namespace === null ? 'No resources found' : `No resources found in ${namespace} namespace.`);
        else run.io.stdout.write(table(rows, all));
        return 0;
      } finally {
        conn.dispose();
      }
    } finally {
      await cli.dispose();
    }
  },
};
