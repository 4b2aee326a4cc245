// `kubedesk services` against the demo cluster, with real kubectl as the oracle for the columns the
// two share (kubernetes pkg/printers/internalversion/printers.go, printService).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ServiceSummary } from '../../../electron/shared/contract/services.ts';
import { DEMO_STOREFRONT } from '../../../electron/core/demo/demo-cluster.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';
import { runCli } from '../../support/run-cli.ts';

const KUBECTL = '/usr/bin/kubectl';
const run = promisify(execFile);
const demoEnv = demoEnvForSuite({ keyring: false });

async function kubectl(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(KUBECTL, ['--kubeconfig', demoEnv().kubeconfig, ...args], { env: { ...process.env, HOME: demoEnv().home } });
}

function services(args: string[]): ReturnType<typeof runCli> {
  return runCli(['services', '--kubeconfig', demoEnv().kubeconfig, ...args], { env: demoEnv().env });
}

/** A kubectl-style table as rows of column → cell, columns cut where the header's words start. */
function parseTable(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.trimEnd().split('\n');
  const starts = [...header!.matchAll(/\S+/g)].map((m) => ({ name: m[0], at: m.index }));
  return lines.map((line) => Object.fromEntries(starts.map((c, i) => [c.name, line.slice(c.at, starts[i + 1]?.at ?? line.length).trim()])));
}

function pick(rows: Array<Record<string, string>>, columns: string[]): string[][] {
  return rows.map((r) => columns.map((c) => r[c]!));
}

const SHARED = ['NAME', 'TYPE', 'CLUSTER-IP', 'PORT(S)'];

describe('kubedesk services', () => {
  it("prints kubectl get svc's NAME, TYPE, CLUSTER-IP, PORT(S) and EXTERNAL-IP text for -n shop, with readiness", async () => {
    const r = await services(['-n', 'shop']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL\s+PORT\(S\)\s+STATUS$/);
    const ours = parseTable(r.stdout);
    const theirs = parseTable((await kubectl(['get', 'svc', '-n', 'shop'])).stdout);
    expect(pick(ours, SHARED)).toEqual(pick(theirs, SHARED));
    expect(ours.map((row) => row['EXTERNAL'])).toEqual(theirs.map((row) => row['EXTERNAL-IP']));
    const status = Object.fromEntries(ours.map((row) => [row['NAME'], row['STATUS']]));
    expect(status).toMatchObject({ web: 'Ready 2/2', 'legacy-db': 'NoSelector', storefront: 'Ready 2/2' });
    expect(status['orders']).toMatch(/^NotReady 0\/1 \(orders-84d6b7c9f5-\w+ CrashLoopBackOff\)$/);
  });

  it("uses the context's namespace without -n (the demo context's is shop)", async () => {
    const [plain, shop] = await Promise.all([services([]), services(['-n', 'shop'])]);
    expect(plain).toEqual(shop);
  });

  it('-A adds a NAMESPACE column and lists every namespace, as kubectl get svc -A', async () => {
    const r = await services(['-A']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+TYPE/);
    const columns = ['NAMESPACE', ...SHARED];
    expect(pick(parseTable(r.stdout), columns)).toEqual(pick(parseTable((await kubectl(['get', 'svc', '-A'])).stdout), columns));
  });

  it('--json: one array of summaries with ports, proxy URLs, external addresses and readiness', async () => {
    const r = await services(['--json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const items = JSON.parse(r.stdout) as ServiceSummary[];
    const storefront = items.find((s) => s.name === 'storefront')!;
    expect(storefront).toMatchObject({
      namespace: 'shop',
      type: 'LoadBalancer',
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: DEMO_STOREFRONT.nodePort }],
      proxyUrls: [`${demoEnv().demo.url}/api/v1/namespaces/shop/services/storefront:http/proxy/`],
      external: [`${DEMO_STOREFRONT.ingressIP}:80`],
      readiness: { state: 'ready', ready: 2, notReady: 0, reasons: [] },
    });
    expect(items.find((s) => s.name === 'orders')!.readiness.state).toBe('not-ready');
    expect(items.map((s) => s.namespace)).toEqual(items.map(() => 'shop'));
  });

  it("prints kubectl's No resources found for an empty namespace, exit 0", async () => {
    const r = await services(['-n', 'nope']);
    const k = await kubectl(['get', 'svc', '-n', 'nope']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: k.stderr });
    expect(r.stderr).toBe('No resources found in nope namespace.\n');
    expect(JSON.parse((await services(['-n', 'nope', '--json'])).stdout)).toEqual([]);
  });

  it('usage errors exit 2: -n with -A, unknown flags, arguments', async () => {
    const both = await services(['-n', 'shop', '-A']);
    expect(both).toMatchObject({ code: 2, stdout: '' });
    expect(both.stderr).toBe(
      "error: -n/--namespace and -A/--all-namespaces cannot be used together\nRun 'kubedesk services --help' for usage.\n",
    );
    expect((await services(['--bogus'])).code).toBe(2);
    expect((await services(['web'])).code).toBe(2);
  });

  it('an unknown context exits 1 with the connect error', async () => {
    const r = await services(['--context', 'x']);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'error: context was not found for specified context: x\n' });
  });

  it('never prints a secret of the kubeconfig', async () => {
    const outs = await Promise.all([services(['-A']), services(['--json', '-A'])]);
    for (const o of outs) for (const s of demoEnv().secrets) expect(o.stdout + o.stderr).not.toContain(s);
  });
});
