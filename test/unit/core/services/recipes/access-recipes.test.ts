import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { ClusterConnection, ClusterTls } from '../../../../../electron/core/cluster/cluster-connection.ts';
import { accessRecipes, type RecipeDeps } from '../../../../../electron/core/services/access-recipes.ts';
import { caFileFor } from '../../../../../electron/core/services/recipes/ca-file.ts';
import type { AuthKind } from '../../../../../electron/shared/contract/contexts.ts';
import type { AccessRecipe } from '../../../../../electron/shared/contract/services.ts';
import { fakeClusterConnection } from '../../../../fakes/fake-cluster-connection.ts';
import { decodeGoString } from './go-string.ts';
import { traceShell } from './shell-trace.ts';

const SECRET = 'sEcReT-t0ken-value-never-printed';
const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBfakeCA\n-----END CERTIFICATE-----\n');
const ODD = `it's "odd" \\ $(touch /tmp/kd-pwned) \`id\` ${'$'}HOME\nline two`;

let home: string;
let authCalls: number;

beforeEach(() => {
  home = join(mkdtempSync(join(tmpdir(), 'kd-recipes-')), "KubeDesk home 'x'");
  authCalls = 0;
});
afterEach(() => rmSync(join(home, '..'), { recursive: true, force: true }));

interface ConnOpts {
  authKind?: AuthKind;
  server?: string;
  tls?: Partial<ClusterTls>;
  context?: string;
  namespace?: string;
}

/** A fake connection that counts reads of its credentials (no recipe may read them). */
function conn(opts: ConnOpts = {}): ClusterConnection {
  const base = fakeClusterConnection(opts.server ?? 'https://10.0.0.1:6443', {
    token: () => SECRET,
    context: opts.context ?? 'prod',
    namespace: opts.namespace ?? 'shop',
  });
  onTestFinished(() => base.dispose());
  return {
    ...base,
    cluster: 'prod-cluster',
    authKind: opts.authKind ?? 'token',
    tls: { ca: CA, rejectUnauthorized: true, ...opts.tls },
    authHeaders: async () => {
      authCalls++;
      return { Authorization: `Bearer ${SECRET}` };
    },
  };
}

async function recipes(c: ClusterConnection, deps: Partial<RecipeDeps> = {}): Promise<AccessRecipe[]> {
  const list = await accessRecipes(c, { home, ...deps });
  expect(authCalls).toBe(0);
  for (const r of list) {
    expect(r.text).not.toContain(SECRET);
    // Never curl --insecure / -k (comments may explain why not).
    const commands = r.text.split('\n').filter((l) => !l.startsWith('#'));
    for (const line of commands) expect(line).not.toMatch(/(^|\s)(--insecure|-k)(\s|$)/);
  }
  return list;
}

const ids = (list: AccessRecipe[]): string[] => list.map((r) => r.id);
const byId = (list: AccessRecipe[], id: string): AccessRecipe => list.find((r) => r.id === id) ?? expect.unreachable(`no recipe ${id}`);
const CLIENTS = ['go', 'python', 'javascript', 'in-pod-curl', 'in-pod-clients'];

describe('which recipes a context gets, by auth kind and origin', () => {
  it.each<[AuthKind, RecipeDeps['origin'], string[]]>([
    ['token', 'kubeconfig', ['curl-kubeconfig', 'curl-proxy']],
    ['token', 'imported', ['curl-keychain', 'curl-proxy', 'export-kubeconfig']],
    ['token', undefined, ['curl-keychain', 'curl-kubeconfig', 'curl-proxy', 'export-kubeconfig']],
    ['token-file', 'kubeconfig', ['curl-proxy']],
    ['token-file', 'imported', ['curl-keychain', 'curl-proxy', 'export-kubeconfig']],
    ['exec', 'kubeconfig', ['curl-proxy']],
    ['exec', 'imported', ['curl-keychain', 'curl-proxy', 'export-kubeconfig']],
    ['oidc', undefined, ['curl-keychain', 'curl-proxy', 'export-kubeconfig']],
    ['client-cert', 'kubeconfig', ['curl-proxy']],
    ['client-cert', 'imported', ['curl-proxy', 'export-kubeconfig']],
    ['basic', 'kubeconfig', ['curl-proxy']],
    ['basic', 'imported', ['curl-proxy', 'export-kubeconfig']],
    ['none', 'kubeconfig', ['curl', 'curl-proxy']],
  ])('%s from %s: %j and the client and in-pod recipes', async (authKind, origin, expected) => {
    const list = await recipes(conn({ authKind }), { origin });
    expect(ids(list)).toEqual([...expected, ...CLIENTS]);
    expect(list.every((r) => r.warning === undefined)).toBe(true);
  });

  it('says why the proxy is the way for kinds kubectl cannot print, and where the key or password stays', async () => {
    expect(byId(await recipes(conn({ authKind: 'exec' }), { origin: 'kubeconfig' }), 'curl-proxy').text).toContain(
      "kubectl cannot print this context's token (it comes from an exec plugin)",
    );
    expect(byId(await recipes(conn({ authKind: 'client-cert' }), { origin: 'kubeconfig' }), 'curl-proxy').text).toContain(
      'The client key stays with KubeDesk',
    );
    expect(byId(await recipes(conn({ authKind: 'basic' }), { origin: 'imported' }), 'curl-proxy').text).toContain('The password stays');
  });

  it('marks both token recipes when it cannot tell an imported context from a kubeconfig one', async () => {
    const list = await recipes(conn(), {});
    expect(byId(list, 'curl-keychain').title).toBe('curl with the token from the keychain (imported contexts)');
    expect(byId(list, 'curl-kubeconfig').title).toBe('curl with the token from your kubeconfig (kubeconfig contexts)');
  });
});

describe('the CA file for curl --cacert', () => {
  it('is written under HOME/ca, 0644, and only rewritten when the CA changes', async () => {
    const c = conn({ context: 'prod' });
    const file = caFileFor(home, 'prod');
    await recipes(c, { origin: 'kubeconfig' });
    expect(readFileSync(file)).toEqual(CA);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    const first = statSync(file);
    await recipes(c, { origin: 'kubeconfig' });
    expect(statSync(file).ino).toBe(first.ino);
    expect(statSync(file).mtimeMs).toBe(first.mtimeMs);
    const other = Buffer.from(CA.toString().replace('fakeCA', 'rotatedCA'));
    await recipes(conn({ context: 'prod', tls: { ca: other } }), { origin: 'kubeconfig' });
    expect(readFileSync(file)).toEqual(other);
  });

  it('keeps every context name inside HOME/ca and apart from the others', () => {
    const names = ['../../etc/passwd', '..', '.', '', 'a/b', 'a_b', 'a\\b', ODD];
    const files = names.map((n) => caFileFor(home, n));
    for (const f of files) expect(f.startsWith(join(home, 'ca') + '/')).toBe(true);
    for (const f of files) expect(f.slice(join(home, 'ca').length + 1)).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*\.crt$/);
    expect(new Set(files).size).toBe(names.length);
  });

  it('is not written when no direct curl uses it (client certificates go through the proxy)', async () => {
    await recipes(conn({ authKind: 'client-cert' }), { origin: 'kubeconfig' });
    expect(existsSync(join(home, 'ca'))).toBe(false);
  });

  it('is not needed with the system CAs: curl gets no --cacert', async () => {
    const list = await recipes(conn({ tls: { ca: undefined } }), { origin: 'kubeconfig' });
    const calls = traceShell(byId(list, 'curl-kubeconfig').text);
    expect(calls.find((c) => c.command === 'curl')!.args).toEqual(['-H', '@-', 'https://10.0.0.1:6443/api']);
    expect(byId(list, 'curl-kubeconfig').text).toContain("the system's CAs");
    expect(existsSync(join(home, 'ca'))).toBe(false);
  });
});

describe('insecure-skip-tls-verify and plain http', () => {
  it('writes no CA file, never suggests --insecure, warns on every recipe from this machine and says how to fix the kubeconfig', async () => {
    const list = await recipes(conn({ tls: { rejectUnauthorized: false } }), { origin: 'kubeconfig' });
    expect(existsSync(join(home, 'ca'))).toBe(false);
    for (const r of list.filter((r) => !r.id.startsWith('in-pod'))) {
      expect(r.warning).toMatch(/insecure-skip-tls-verify/);
      expect(r.warning).toMatch(/read and change the traffic and capture its credentials/);
    }
    expect(byId(list, 'in-pod-curl').warning).toBeUndefined();
    const calls = traceShell(byId(list, 'curl-kubeconfig').text);
    expect(calls.map((c) => [c.command, ...c.args])).toEqual([
      [
        'kubectl',
        'config',
        'set-cluster',
        'prod-cluster',
        '--certificate-authority=ca.crt',
        '--embed-certs=true',
        '--insecure-skip-tls-verify=false',
      ],
      [
        'kubectl',
        'config',
        'view',
        '--raw',
        '--minify',
        '--context',
        'prod',
        '-o',
        'jsonpath=Authorization: Bearer {.users[0].user.token}{"\\n"}',
      ],
      ['curl', '--cacert', 'ca.crt', '-H', '@-', 'https://10.0.0.1:6443/api'],
    ]);
  });

  it('tells an imported context to be imported again with its CA instead of editing a kubeconfig', async () => {
    const text = byId(await recipes(conn({ tls: { rejectUnauthorized: false } }), { origin: 'imported' }), 'curl-keychain').text;
    expect(text).toContain('import it again from a kubeconfig that has the CA');
    expect(text).not.toContain('set-cluster');
  });

  it('warns that a plain http:// server exposes everything', async () => {
    const list = await recipes(conn({ server: 'http://10.0.0.1:8080', tls: { ca: undefined } }), { origin: 'kubeconfig' });
    expect(byId(list, 'curl-kubeconfig').warning).toMatch(/plain http:\/\//);
    expect(traceShell(byId(list, 'curl-kubeconfig').text).find((c) => c.command === 'curl')!.args).toEqual([
      '-H',
      '@-',
      'http://10.0.0.1:8080/api',
    ]);
  });
});

describe('what the shell hands each command (a real sh, stand-in commands)', () => {
  it('keychain recipe: kubedesk credential | sed | curl with the CA file and the token on stdin', async () => {
    const list = await recipes(conn({ context: ODD }), { origin: 'imported' });
    const calls = traceShell(byId(list, 'curl-keychain').text);
    // Sorted by command (kubectl, kubedesk, curl, sed): the pipeline's stages run at once.
    expect(calls).toEqual([
      { command: 'kubedesk', args: ['credential', '--context', ODD] },
      { command: 'curl', args: ['--cacert', caFileFor(home, ODD), '-H', '@-', 'https://10.0.0.1:6443/api'] },
      { command: 'sed', args: ['-n', 's/.*"token":"\\([^"]*\\)".*/Authorization: Bearer \\1/p'] },
    ]);
    expect(existsSync(caFileFor(home, ODD))).toBe(true);
  });

  it('sed turns the one-line ExecCredential of `kubedesk credential` into the header line curl reads', async () => {
    const list = await recipes(conn(), { origin: 'imported' });
    const sed = traceShell(byId(list, 'curl-keychain').text).find((c) => c.command === 'sed')!;
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_~+/=';
    for (const status of [
      { token },
      { token, clientCertificateData: 'x', clientKeyData: 'y' },
      { expirationTimestamp: '2030-01-01T00:00:00Z', token },
      { clientCertificateData: '-----BEGIN CERTIFICATE-----\nMII"x\n', clientKeyData: '-----BEGIN KEY-----\nabc\n', token },
    ]) {
      const line = `${JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status })}\n`;
      expect(execFileSync('sed', sed.args, { input: line, encoding: 'utf8' })).toBe(`Authorization: Bearer ${token}\n`);
    }
  });

  it('proxy and export recipes pass the context name intact; the kubedesk command can be changed', async () => {
    const list = await recipes(conn({ context: ODD }), { origin: 'imported' });
    expect(traceShell(byId(list, 'curl-proxy').text)).toEqual([
      { command: 'kubedesk', args: ['proxy', '--context', ODD, '--port', '8001'] },
      { command: 'curl', args: ['http://localhost:8001/api/'] },
    ]);
    expect(traceShell(byId(list, 'export-kubeconfig').text)).toEqual([
      { command: 'kubedesk', args: ['export-kubeconfig', '--context', ODD, '-o', 'kubedesk.kubeconfig'] },
    ]);
    const npx = await recipes(conn(), { origin: 'imported', kubedesk: ['/opt/Kube Desk/kubedesk'] });
    expect(byId(npx, 'curl-proxy').text).toContain("'/opt/Kube Desk/kubedesk' proxy --context 'prod' --port 8001 &");
  });

  it('keeps the server path and asks for tls-server-name through --connect-to', async () => {
    const list = await recipes(conn({ server: 'https://10.0.0.1:6443/k8s/clusters/c-1/', tls: { servername: 'api.internal' } }), {
      origin: 'kubeconfig',
    });
    expect(traceShell(byId(list, 'curl-kubeconfig').text).find((c) => c.command === 'curl')!.args).toEqual([
      '--cacert',
      caFileFor(home, 'prod'),
      '--connect-to',
      'api.internal:6443:10.0.0.1:6443',
      '-H',
      '@-',
      'https://api.internal:6443/k8s/clusters/c-1/api',
    ]);
  });

  it('every shell recipe is valid sh for an odd context name, insecure or not', async () => {
    for (const insecure of [false, true]) {
      const list = await recipes(conn({ context: ODD, tls: { rejectUnauthorized: !insecure } }), {});
      for (const r of list.filter((r) => r.language === 'shell')) {
        const check = spawnSync('sh', ['-n'], { input: r.text, encoding: 'utf8' });
        expect(check.status, `${r.id}: ${check.stderr}`).toBe(0);
      }
    }
  });
});

describe('client snippets carry the context and namespace as literals of their language', () => {
  it('Python parses, and load_kube_config gets the context (and the exported file for an imported one)', async () => {
    for (const origin of ['kubeconfig', 'imported'] as const) {
      const text = byId(await recipes(conn({ context: ODD, namespace: 'we"ird' }), { origin }), 'python').text;
      const script = [
        'import ast, json, sys',
        'tree = ast.parse(sys.stdin.read())',
        'calls = {n.func.attr: n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}',
        'load = calls["load_kube_config"]',
        'print(json.dumps({"kw": {k.arg: k.value.value for k in load.keywords}, "ns": calls["list_namespaced_pod"].args[0].value}))',
      ].join('\n');
      const out = JSON.parse(execFileSync('python3', ['-c', script], { input: text, encoding: 'utf8' })) as unknown;
      expect(out).toEqual({
        kw: origin === 'imported' ? { config_file: 'kubedesk.kubeconfig', context: ODD } : { context: ODD },
        ns: 'we"ird',
      });
    }
  });

  it('JavaScript passes node --check, and setCurrentContext and listNamespacedPod get the literals', async () => {
    for (const origin of ['kubeconfig', 'imported'] as const) {
      const text = byId(await recipes(conn({ context: ODD, namespace: 'we"ird' }), { origin }), 'javascript').text;
      const file = join(home, '..', 'snippet.mjs');
      writeFileSync(file, text);
      const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
      expect(check.status, check.stderr).toBe(0);
      const sf = ts.createSourceFile('snippet.mjs', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
      const args: Record<string, string[]> = {};
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
          args[n.expression.name.text] = n.arguments.map((a) =>
            ts.isStringLiteral(a)
              ? a.text
              : ts.isObjectLiteralExpression(a)
                ? ((a.properties[0] as ts.PropertyAssignment).initializer as ts.StringLiteral).text
                : '?',
          );
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
      expect(args['setCurrentContext']).toEqual([ODD]);
      expect(args['listNamespacedPod']).toEqual(['we"ird']);
      if (origin === 'imported') expect(args['loadFromFile']).toEqual(['kubedesk.kubeconfig']);
      else expect(args['loadFromDefault']).toEqual([]);
    }
  });

  it('Go: the context and namespace literals decode (Go spec) to the names; the program is balanced', async () => {
    for (const origin of ['kubeconfig', 'imported'] as const) {
      const text = byId(await recipes(conn({ context: ODD, namespace: 'we"ird' }), { origin }), 'go').text;
      const lit = String.raw`("(?:[^"\\\n]|\\.)*")`;
      expect(decodeGoString(new RegExp(`CurrentContext: ${lit}}`).exec(text)![1]!)).toBe(ODD);
      expect(decodeGoString(new RegExp(`Pods\\(${lit}\\)`).exec(text)![1]!)).toBe('we"ird');
      if (origin === 'imported')
        expect(text).toContain('rules := &clientcmd.ClientConfigLoadingRules{ExplicitPath: "kubedesk.kubeconfig"}');
      else expect(text).toContain('rules := clientcmd.NewDefaultClientConfigLoadingRules()');
      // With the literals taken out, braces and parentheses pair up.
      const code = text.replace(new RegExp(lit.slice(1, -1), 'g'), '""').replace(/\/\/.*$/gm, '');
      for (const [open, close] of [
        ['{', '}'],
        ['(', ')'],
      ] as const)
        expect(code.split(open).length).toBe(code.split(close).length);
    }
  });
});

describe('the in-pod recipe', () => {
  it('uses the mounted service account and kubernetes.default.svc, never the context', async () => {
    const list = await recipes(conn({ context: ODD }), {});
    const text = byId(list, 'in-pod-curl').text;
    expect(text).toContain('SA=/var/run/secrets/kubernetes.io/serviceaccount');
    expect(text).toContain('APISERVER=https://kubernetes.default.svc');
    expect(text).toContain('KUBERNETES_SERVICE_HOST');
    expect(text).not.toContain('10.0.0.1');
    expect(byId(list, 'in-pod-clients').language).toBe('text');
  });
});
