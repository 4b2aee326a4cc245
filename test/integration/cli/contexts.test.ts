import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { startDemoEnv, type DemoEnv } from '../../support/demo-env.ts';
import { FIXTURES, kubeconfig } from '../../support/kubedesk-fixtures.ts';
import { requireKeyring } from '../../support/keyring.ts';

let d: DemoEnv;
let dir: string;
let a: string;
let b: string;
beforeAll(async () => {
  requireKeyring();
  d = await startDemoEnv();
  dir = mkdtempSync(join(tmpdir(), 'kd-contexts-'));
  a = join(dir, 'a.yaml');
  b = join(dir, 'b.yaml');
  writeFileSync(
    a,
    kubeconfig({
      clusters: [{ name: 'dev', cluster: { server: 'https://dev.example:6443' } }],
      users: [{ name: 'alice', user: { token: 'planted-a-token-1234567890' } }],
      contexts: [
        { name: 'dev', cluster: 'dev', user: 'alice', namespace: 'shop' },
        { name: 'shared', cluster: 'dev', user: 'alice' },
      ],
    }),
  );
  writeFileSync(
    b,
    kubeconfig({
      current: 'ops',
      clusters: [
        { name: 'dev', cluster: { server: 'https://other-dev.example' } },
        { name: 'ops', cluster: { server: 'https://ops.example' } },
      ],
      users: [{ name: 'bob', user: { username: 'bob', password: 'planted-b-password' } }],
      contexts: [
        { name: 'shared', cluster: 'ops', user: 'bob', namespace: 'from-b' },
        { name: 'ops', cluster: 'ops', user: 'bob', namespace: 'ops' },
        { name: 'demo-cert', cluster: 'ops', user: 'bob' },
      ],
    }),
  );
}, 60_000);
afterAll(async () => {
  await d?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Row {
  current: boolean;
  name: string;
  cluster: string;
  user: string;
  namespace: string;
}

/** Parses `kubectl config get-contexts` by the header's column positions (CURRENT may be blank). */
function parseKubectl(out: string): Row[] {
  const [header, ...lines] = out.trimEnd().split('\n');
  const cols = ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'].map((c) => header!.indexOf(c));
  const cell = (line: string, i: number): string => line.slice(cols[i], i + 1 < cols.length ? cols[i + 1] : undefined).trim();
  return lines.map((l) => ({
    current: cell(l, 0) === '*',
    name: cell(l, 1),
    cluster: cell(l, 2),
    user: cell(l, 3),
    namespace: cell(l, 4),
  }));
}

describe('kubedesk contexts matches kubectl config get-contexts', () => {
  it('two KUBECONFIG files plus imported contexts, against real kubectl over the same files plus the exported kubeconfig', async () => {
    const env = { ...d.env, KUBEDESK_HOME: join(d.kubedeskHome, 'compare') };
    expect((await runCli(['import', d.kubeconfig, '--context', 'demo', '--context', 'demo-cert'], { env })).code).toBe(0);
    const exported = join(dir, 'exported.yaml');
    // Two contexts and no current one in the store: the file gets none, and a warning says so.
    const exportRun = await runCli(['export-kubeconfig', '-o', exported], { env });
    expect(exportRun).toMatchObject({ code: 0, stdout: '' });
    expect(exportRun.stderr).toMatch(/^warning: no current-context: 2 contexts exported/);

    const ours = await runCli(['contexts', '--json'], { env: { ...env, KUBECONFIG: [a, b].join(delimiter) } });
    expect(ours.code).toBe(0);
    const mine = (JSON.parse(ours.stdout) as Array<Row & { source: string }>).map(({ current, name, cluster, user, namespace }) => ({
      current,
      name,
      cluster,
      user,
      namespace,
    }));

    const kubectl = await promisify(execFile)('kubectl', ['config', 'get-contexts'], {
      env: { PATH: process.env['PATH'], HOME: d.home, KUBECONFIG: [a, b, exported].join(delimiter) },
    });
    expect(mine).toEqual(parseKubectl(kubectl.stdout));
    expect(mine.map((r) => r.name)).toEqual(['demo', 'demo-cert', 'dev', 'ops', 'shared']);
    // The imported demo-cert is hidden by b's demo-cert, as kubectl hides the exported one.
    expect(mine.find((r) => r.name === 'demo-cert')!.user).toBe('bob');
    expect(ours.stdout + ours.stderr).not.toMatch(/planted|BEGIN/);
  });

  it('the table lists SOURCE and the merged fields; a context kubectl would refuse on use is listed with a warning, exit 0', async () => {
    const env = { ...d.env, KUBEDESK_HOME: join(d.kubedeskHome, 'table') };
    const bad = join(FIXTURES, 'malformed', '25-token-and-basic-auth.yaml');
    const r = await runCli(['contexts'], { env: { ...env, KUBECONFIG: [a, bad].join(delimiter) } });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CURRENT\s+NAME\s+CLUSTER\s+SERVER\s+USER\s+NAMESPACE\s+AUTH\s+SOURCE$/);
    expect(lines[1]).toMatch(new RegExp(`^\\s+dev\\s+dev\\s+https://dev\\.example:6443\\s+alice\\s+shop\\s+token\\s+kubeconfig:${a}$`));
    expect(r.stderr).toMatch(
      new RegExp(
        `^warning: ${bad}: context "[^"]+": users\\[0\\]\\.user: more than one authentication method found for u; found \\[token basicAuth\\], only one is allowed\\n$`,
      ),
    );
    const json = await runCli(['contexts', '--json'], { env: { ...env, KUBECONFIG: [a, bad].join(delimiter) } });
    const broken = (JSON.parse(json.stdout) as Array<{ name: string; source: string; problem?: unknown }>).find(
      (c) => c.source === `kubeconfig:${bad}`,
    );
    expect(broken?.problem).toEqual({
      field: 'users[0].user',
      message: 'more than one authentication method found for u; found [token basicAuth], only one is allowed',
    });
  });

  it('a context naming a user defined nowhere is listed (exit 0) and fails only when used, with the same problem', async () => {
    const env = { ...d.env, KUBEDESK_HOME: join(d.kubedeskHome, 'dangling') };
    const dangling = join(dir, 'dangling.yaml');
    writeFileSync(
      dangling,
      kubeconfig({
        clusters: [{ name: 'k', cluster: { server: 'https://k.example' } }],
        users: [],
        contexts: [{ name: 'lost', cluster: 'k', user: 'ghost' }],
      }),
    );
    const list = await runCli(['contexts', '--json'], { env: { ...env, KUBECONFIG: dangling } });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject([
      {
        name: 'lost',
        user: 'ghost',
        problem: { field: 'contexts[0].context.user', message: 'user "ghost" was not found for context "lost"' },
      },
    ]);
    expect(list.stderr).toBe(
      `warning: ${dangling}: context "lost": contexts[0].context.user: user "ghost" was not found for context "lost"\n`,
    );
    const use = await runCli(['whoami', '--context', 'lost'], { env: { ...env, KUBECONFIG: dangling } });
    expect(use.code).toBe(1);
    expect(use.stderr).toContain('user "ghost" was not found for context "lost"');
  });

  it('a file that is not YAML still fails the listing, naming the file, as kubectl config get-contexts does', async () => {
    const env = { ...d.env, KUBEDESK_HOME: join(d.kubedeskHome, 'unparseable') };
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'clusters: [\n  - {name: x\n');
    const r = await runCli(['contexts'], { env: { ...env, KUBECONFIG: [a, broken].join(delimiter) } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error: ${broken}: not valid YAML`, 'm'));
    expect(r.stdout).toContain('dev');
  });
});
