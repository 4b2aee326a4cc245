// `kubedesk topology` on the demo cluster (docs/cli.md, topology; docs/topology.md).
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../../electron/shared/contract/topology.ts';
import { runCli } from '../../support/run-cli.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';

const demoEnv = demoEnvForSuite({ keyring: false });
const env = () => ({ ...demoEnv().env, KUBECONFIG: demoEnv().kubeconfig });

describe('kubedesk topology', () => {
  it('--json: every kind of hop on the demo, edges between drawn nodes only', async () => {
    const r = await runCli(['topology', '--json', '-n', 'shop'], { env: env() });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const t = JSON.parse(r.stdout) as Topology;
    expect(t).toMatchObject({ context: 'demo', namespace: 'shop' });
    const kinds = new Set(t.nodes.map((n) => n.kind));
    for (const k of [
      'browser',
      'local-proxy',
      'apiserver-lb',
      'apiserver',
      'apiserver-proxy',
      'kubelet',
      'kube-proxy',
      'service',
      'pod',
      'cloud-lb',
    ])
      expect(kinds, k).toContain(k);
    const ids = new Set(t.nodes.map((n) => n.id));
    expect(t.edges.length).toBeGreaterThan(t.nodes.length);
    for (const e of t.edges) expect(ids.has(e.from) && ids.has(e.to), `${e.from} → ${e.to}`).toBe(true);
  });

  it('text: a tree from this laptop, each pod once', async () => {
    const r = await runCli(['topology'], { env: env() });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^browser This laptop \[active\]/);
    expect(lines.some((l) => /^\s*[│ ]*[├└]── apiserver-lb /.test(l))).toBe(true);
    const podLines = lines.filter((l) => / pod \S+ \[/.test(l));
    expect(podLines.length).toBeGreaterThan(0);
    expect(new Set(podLines.map((l) => l.replace(/^[\s│├└─]+/, ''))).size).toBe(podLines.length);
  });

  it('usage and errors: -n with -A exits 2; an unknown context exits 1', async () => {
    const both = await runCli(['topology', '-n', 'shop', '-A'], { env: env() });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('-n and -A cannot be used together');
    const bad = await runCli(['topology', '--context', 'nope'], { env: env() });
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toMatch(/^error: .*nope/);
  });
});
