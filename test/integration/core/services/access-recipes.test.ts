// The access recipes against the demo cluster: the shell recipes run as a user would paste them
// (real sh, curl, kubectl and `kubedesk proxy`), the CA file they write must verify the demo's
// certificate, and the JavaScript snippet lists pods through @kubernetes/client-node.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTEXTS, DEMO_NAMESPACE } from '../../../../electron/core/demo/demo-cluster.ts';
import { accessRecipes, type RecipeDeps } from '../../../../electron/core/services/access-recipes.ts';
import type { AccessRecipe } from '../../../../electron/shared/contract/services.ts';
import { demoEnvForSuite } from '../../../support/demo-env.ts';
import { connectKubeconfig } from '../../../support/kubeconfig-connect.ts';
import { CLI, ROOT } from '../../../support/run-cli.ts';

const env = demoEnvForSuite();
const ODD = `it's "odd" \\ $(id) \`id\` $HOME`;
let dir: string;
let home: string;
let oddKubeconfig: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kd-recipes-it-'));
  home = join(dir, 'kubedesk home');
  // The demo kubeconfig plus a context whose name needs every kind of quoting.
  const doc = parse(readFileSync(env().kubeconfig, 'utf8')) as { contexts: Array<{ name: string; context: unknown }> };
  doc.contexts.push({ name: ODD, context: { ...(doc.contexts[0]!.context as object) } });
  oddKubeconfig = join(dir, 'odd-kubeconfig');
  writeFileSync(oddKubeconfig, stringify(doc), { mode: 0o600 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function recipesOf(kubeconfig: string, context: string, deps: Partial<RecipeDeps> = {}): Promise<AccessRecipe[]> {
  const conn = await connectKubeconfig(kubeconfig, context);
  try {
    const list = await accessRecipes(conn, { home, ...deps });
    for (const r of list) for (const secret of env().secrets) expect(r.text).not.toContain(secret);
    return list;
  } finally {
    conn.dispose();
  }
}

const byId = (list: AccessRecipe[], id: string): AccessRecipe => list.find((r) => r.id === id) ?? expect.unreachable(`no recipe ${id}`);

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script under sh in its own process group (killed whole when it takes too long). Async: the demo answers in this process. */
function sh(script: string, extraEnv: NodeJS.ProcessEnv = {}, cwd = dir): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { cwd, env: { ...process.env, ...env().env, ...extraEnv }, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The JSON curl printed (a backgrounded proxy's ready line may come before it). */
function expectApiVersions(out: Ran): void {
  expect(out.code, out.stderr).toBe(0);
  expect(JSON.parse(out.stdout.slice(out.stdout.indexOf('{')))).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
}

describe('curl straight to the demo apiserver', () => {
  it('runs the kubeconfig token recipe as pasted: kubectl | curl --cacert FILE, and gets the APIVersions', async () => {
    const list = await recipesOf(env().kubeconfig, DEMO_CONTEXTS.token, { origin: 'kubeconfig' });
    const recipe = byId(list, 'curl-kubeconfig');
    expect(recipe.warning).toBeUndefined();
    expectApiVersions(await sh(recipe.text, { KUBECONFIG: env().kubeconfig }));
  });

  it('writes a 0644 CA file that is the demo CA, which curl and Node verify the demo with and without which both refuse it', async () => {
    const list = await recipesOf(env().kubeconfig, DEMO_CONTEXTS.token, { origin: 'kubeconfig' });
    const file = /--cacert '([^']+)'/.exec(byId(list, 'curl-kubeconfig').text)![1]!;
    expect(file.startsWith(join(home, 'ca'))).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(env().demo.caPem);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    const url = `${env().demo.url}/api`;
    const withCa = await sh(`curl -sS --cacert '${file}' -o /dev/null -w '%{http_code}' '${url}'`);
    expect(withCa.code, withCa.stderr).toBe(0);
    // Verified, and the demo wants credentials: the recipes' APIVersions answers prove they were sent.
    expect(withCa.stdout).toBe('401');
    const without = await sh(`curl -sS -o /dev/null '${url}'`);
    expect(without.code).toBe(60); // CURLE_PEER_FAILED_VERIFICATION
    // Node, for machines whose curl is missing or built differently.
    const { request } = await import('node:https');
    const status = (ca?: Buffer): Promise<number | string> =>
      new Promise((resolve) => {
        const req = request(url, { ca, headers: { Authorization: `Bearer ${env().demo.credentials.token}` } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
        req.end();
      });
    expect(await status(readFileSync(file))).toBe(200);
    expect(await status()).toBe('SELF_SIGNED_CERT_IN_CHAIN');
  });

  it('runs the keychain recipe with a stand-in `kubedesk credential` that prints the ExecCredential', async () => {
    const fake = join(dir, 'fake-kubedesk');
    const cred = join(dir, 'cred.json');
    writeFileSync(
      cred,
      JSON.stringify({
        apiVersion: 'client.authentication.k8s.io/v1',
        kind: 'ExecCredential',
        status: { token: env().demo.credentials.token },
      }),
    );
    writeFileSync(fake, `#!/bin/sh\n[ "$1 $2 $3" = "credential --context ${DEMO_CONTEXTS.token}" ] || exit 3\ncat '${cred}'\n`);
    chmodSync(fake, 0o700);
    const list = await recipesOf(env().kubeconfig, DEMO_CONTEXTS.token, { origin: 'imported', kubedesk: [fake] });
    expectApiVersions(await sh(byId(list, 'curl-keychain').text));
  });

  it('quotes an odd context name so that kubectl finds it and curl gets in', async () => {
    const list = await recipesOf(oddKubeconfig, ODD, { origin: 'kubeconfig' });
    expectApiVersions(await sh(byId(list, 'curl-kubeconfig').text, { KUBECONFIG: oddKubeconfig }));
  });
});

describe('curl through kubedesk proxy', () => {
  it.each([DEMO_CONTEXTS.cert, DEMO_CONTEXTS.basic])(
    'runs the proxy recipe for %s (the real CLI, no token on loopback)',
    async (context) => {
      const list = await recipesOf(env().kubeconfig, context, { origin: 'kubeconfig', kubedesk: [process.execPath, CLI] });
      const lines = byId(list, 'curl-proxy').text.split('\n');
      const port = await freePort();
      const start = lines.findIndex((l) => / proxy --context .* --port 8001 &$/.test(l));
      expect(start).toBeGreaterThan(0);
      const script = [
        lines[start]!.replace('--port 8001', `--port ${port}`),
        // Test scaffolding: wait for the ready proxy, stop it afterwards.
        `i=0; until curl -s -o /dev/null http://127.0.0.1:${port}/api/; do i=$((i+1)); [ $i -gt 150 ] && exit 9; sleep 0.2; done`,
        ...lines.slice(start + 1).map((l) => l.replace('localhost:8001', `localhost:${port}`)),
        'status=$?; kill $!; wait; exit $status',
      ].join('\n');
      const ran = await sh(script, { KUBECONFIG: env().kubeconfig });
      expect(ran.stdout).toMatch(new RegExp(`^Starting to serve on 127\\.0\\.0\\.1:${port}\n`));
      expect(ran.stdout).not.toContain('Token:');
      expectApiVersions(ran);
    },
  );
});

describe('client snippets', () => {
  it('runs the JavaScript snippet for an odd context name: client-node lists the pods kubectl lists', async () => {
    const list = await recipesOf(oddKubeconfig, ODD, { origin: 'kubeconfig' });
    const text = byId(list, 'javascript').text;
    const ran = await new Promise<Ran>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', text], {
        cwd: ROOT,
        env: { ...process.env, ...env().env, KUBECONFIG: oddKubeconfig },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(ran.code, ran.stderr).toBe(0);
    const oracle = await sh(
      `kubectl get pods --context '${DEMO_CONTEXTS.token}' -n ${DEMO_NAMESPACE} -o jsonpath='{range .items[*]}{.status.podIP}{"\\t"}{.metadata.name}{"\\n"}{end}'`,
      { KUBECONFIG: env().kubeconfig },
    );
    expect(oracle.code, oracle.stderr).toBe(0);
    const lines = (s: string): string[] => s.trim().split('\n').sort();
    expect(lines(ran.stdout)).toEqual(lines(oracle.stdout));
    expect(lines(ran.stdout).length).toBeGreaterThan(3);
  });
});

describe('from inside a pod', () => {
  it('runs the in-pod recipe with a mounted service account and kubernetes.default.svc pointed at the demo', async () => {
    const list = await recipesOf(env().kubeconfig, DEMO_CONTEXTS.token, { origin: 'kubeconfig' });
    const sa = join(dir, 'serviceaccount');
    mkdirSync(sa, { recursive: true });
    writeFileSync(join(sa, 'token'), env().demo.credentials.token);
    writeFileSync(join(sa, 'ca.crt'), env().demo.caPem);
    writeFileSync(join(sa, 'namespace'), DEMO_NAMESPACE);
    // The demo's certificate names kubernetes.default.svc; curl's config file sends that name to its port.
    const curlHome = join(dir, 'curl-home');
    mkdirSync(curlHome, { recursive: true });
    writeFileSync(
      join(curlHome, '.curlrc'),
      `silent\nconnect-to = "kubernetes.default.svc:443:127.0.0.1:${new URL(env().demo.url).port}"\n`,
    );
    const text = byId(list, 'in-pod-curl').text.replaceAll('/var/run/secrets/kubernetes.io/serviceaccount', sa);
    const ran = await sh(text, { CURL_HOME: curlHome });
    expect(ran.code, ran.stderr).toBe(0);
    const [apis, pods] = ran.stdout
      .replace(/}\s*{/, '}\n\u0000{')
      .split('\u0000')
      .map((s) => JSON.parse(s) as { kind: string; items?: unknown[] });
    expect(apis).toMatchObject({ kind: 'APIVersions' });
    expect(pods).toMatchObject({ kind: 'PodList' });
    expect(pods!.items!.length).toBeGreaterThan(3);
  });
});
