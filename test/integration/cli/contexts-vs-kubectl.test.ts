// `kubedesk contexts` against real kubectl on generated multi-file KUBECONFIG sets: overlapping
// names across files, contexts naming users or clusters defined nowhere, exec plugins that are
// not installed, current-context set only in a later file, files that do not exist. kubectl
// lists all of these and fails only when a broken context is used
// (client-go/tools/clientcmd/loader.go merges; validation.go runs on use), so KubeDesk must list
// the same contexts and exit 0 whenever kubectl does.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContextSummary } from '../../../electron/shared/ipc-contract.ts';
import { runCli } from '../../support/run-cli.ts';

const run = promisify(execFile);
const KUBECTL = '/usr/bin/kubectl';
const SCENARIOS = 40;
const NOT_PEM = Buffer.from('not a certificate').toString('base64');

/** mulberry32: a small seeded PRNG, so a failing scenario can be replayed by its number. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Scenario {
  seed: number;
  /** Every KUBECONFIG entry in order; `text` undefined = the file does not exist. */
  files: Array<{ path: string; text: string | undefined }>;
  notes: string[];
}

type Obj = Record<string, unknown>;

function generate(seed: number, dir: string): Scenario {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => r() < p);
  const notes = new Set<string>();
  const nFiles = 1 + Math.floor(r() * 4);
  const files: Scenario['files'] = [];
  for (let k = 0; k < nFiles; k++) {
    const path = join(dir, `s${seed}`, `f${k}.yaml`);
    // One scenario in ten has every file missing; otherwise some are.
    if (seed % 10 === 0 || (k > 0 && r() < 0.15)) {
      notes.add('missing file');
      files.push({ path, text: undefined });
      continue;
    }
    const clusters = some(['c1', 'c2', 'c3', 'c4'], 0.5).map((name) => {
      const cluster: Obj = { server: `https://${name}.f${k}.example:6443` };
      const v = r();
      if (v < 0.1) {
        delete cluster['server'];
        notes.add('cluster without server');
      } else if (v < 0.2) {
        cluster['insecure-skip-tls-verify'] = true;
        notes.add('insecure');
      } else if (v < 0.25) {
        cluster['certificate-authority'] = './no-such-ca.crt';
        notes.add('missing CA file');
      } else if (v < 0.3) {
        // Valid base64, not PEM: kubectl loads and lists it; only its TLS setup (on use) fails.
        cluster['certificate-authority-data'] = NOT_PEM;
        notes.add('CA data not PEM');
      }
      return { name, cluster };
    });
    const users = some(['u1', 'u2', 'u3', 'u4'], 0.5).map((name) => {
      const kind = pick([
        'token',
        'basic',
        'token+basic',
        'exec-missing',
        'exec-v1-no-mode',
        'exec-sh',
        'token-file-missing',
        'cert-file-missing',
        'oidc-no-issuer',
        'gcp',
        'as-groups',
        'cert-data-not-pem',
        'exec-empty-command',
      ] as const);
      notes.add(kind);
      const plugin = `kd-not-installed-${seed}-${k}`;
      const user: Obj = {
        token: { token: `t-${seed}-${k}` },
        basic: { username: 'jane', password: 'pw' },
        'token+basic': { token: 't', username: 'jane', password: 'pw' },
        'exec-missing': {
          exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: plugin, installHint: `install ${plugin}` },
        },
        'exec-v1-no-mode': { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin } },
        'exec-sh': { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'sh', interactiveMode: 'Never' } },
        'token-file-missing': { tokenFile: './no-such-token' },
        'cert-file-missing': { 'client-certificate': './no-such.crt', 'client-key': './no-such.key' },
        'oidc-no-issuer': { 'auth-provider': { name: 'oidc', config: { 'client-id': 'kd' } } },
        gcp: { 'auth-provider': { name: 'gcp' } },
        'as-groups': { token: 't', as: 'admin', 'as-groups': ['ops', 'dev'] },
        'cert-data-not-pem': { 'client-certificate-data': NOT_PEM, 'client-key-data': NOT_PEM },
        'exec-empty-command': { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: '' } },
      }[kind];
      return { name, user };
    });
    const contexts = some(['x1', 'x2', 'x3', 'x4', 'x5', 'x6'], 0.45).map((name) => {
      const cluster = pick(['c1', 'c2', 'c3', 'c4', 'c9']);
      const user = pick(['u1', 'u2', 'u3', 'u4', 'u9']);
      if (cluster === 'c9') notes.add('undefined cluster');
      if (user === 'u9') notes.add('undefined user');
      const context: Obj = { cluster, user };
      const ns = pick([undefined, undefined, 'default', 'shop', 'kube-system']);
      if (ns) context['namespace'] = ns;
      if (r() < 0.05) {
        delete context['user'];
        notes.add('context without user');
      }
      return { name, context };
    });
    const doc: Obj = { apiVersion: 'v1', kind: 'Config', clusters, users, contexts };
    // current-context often only in a later file, sometimes naming a context defined nowhere.
    if (r() < (k === 0 ? 0.3 : 0.5)) {
      doc['current-context'] = pick(['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7']);
      if (k > 0) notes.add('current-context in a later file');
    }
    // A file kubectl cannot load at all: both must fail, naming it.
    const text = seed % 13 === 0 ? 'clusters: [\n  - {name: broken\n' : JSON.stringify(doc, null, 2);
    if (seed % 13 === 0) notes.add('unparseable file');
    files.push({ path, text });
  }
  return { seed, files, notes: [...notes] };
}

interface Row {
  name: string;
  cluster: string;
  user: string;
  namespace: string;
  current: boolean;
}

interface KubectlView {
  'current-context'?: string;
  contexts?: Array<{ name: string; context?: { cluster?: string; user?: string; namespace?: string } }> | null;
}

async function kubectl(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(KUBECTL, args, { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const byName = (a: Row, b: Row): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kd-vs-kubectl-'));
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('kubedesk contexts against kubectl config view / get-contexts on generated KUBECONFIG sets', () => {
  it.each(Array.from({ length: SCENARIOS }, (_, i) => i + 1))(
    'scenario %i: the same contexts as kubectl, and exit 0 whenever kubectl exits 0',
    async (seed) => {
      const s = generate(seed, root);
      mkdirSync(join(root, `s${seed}`), { recursive: true });
      for (const f of s.files) if (f.text !== undefined) writeFileSync(f.path, f.text);
      const home = join(root, `s${seed}`, 'home');
      mkdirSync(home, { recursive: true });
      const KUBECONFIG = s.files.map((f) => f.path).join(delimiter);
      const env = { PATH: process.env['PATH'], HOME: home, KUBECONFIG };

      const view = await kubectl(['config', 'view', '-o', 'json'], env);
      const get = await kubectl(['config', 'get-contexts'], env);
      const ours = await runCli(['contexts', '--json'], { env: { ...env, KUBEDESK_HOME: join(home, 'kd') } });
      const why = `scenario ${seed} (${s.notes.join(', ')}); kubedesk stderr:\n${ours.stderr}`;

      if (view.code !== 0 || get.code !== 0) {
        // kubectl cannot load the set (an unparseable file): neither may KubeDesk, and it names the file.
        expect(ours.code, why).toBe(1);
        const bad = s.files.find((f) => f.text?.startsWith('clusters: ['));
        if (bad) expect(ours.stderr, why).toContain(bad.path);
        return;
      }
      expect(ours.code, why).toBe(0);
      const v = JSON.parse(view.stdout) as KubectlView;
      const expected: Row[] = (v.contexts ?? [])
        .map((c) => ({
          name: c.name,
          cluster: c.context?.cluster ?? '',
          user: c.context?.user ?? '',
          namespace: c.context?.namespace ?? '',
          current: c.name === v['current-context'],
        }))
        .sort(byName);
      const actual: Row[] = (JSON.parse(ours.stdout) as ContextSummary[])
        .map((c) => ({ name: c.name, cluster: c.cluster, user: c.user, namespace: c.namespace, current: c.current }))
        .sort(byName);
      expect(actual, why).toEqual(expected);
      // Every context kubectl would refuse on use carries its problem, and each is one warning line.
      const withProblem = (JSON.parse(ours.stdout) as ContextSummary[]).filter((c) => c.problem);
      for (const c of withProblem) {
        expect(c.problem!.field, why).toMatch(/^(contexts|users|clusters)\[\d+\]\.(context|user|cluster)/);
        expect(ours.stderr, why).toContain(`context "${c.name}": ${c.problem!.field}: `);
      }
      expect(ours.stderr, why).not.toMatch(/^error:/m);
    },
    60_000,
  );
});
