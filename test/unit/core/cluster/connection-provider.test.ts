import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeJson } from '../../../../electron/core/cluster/kube-request.ts';
import { importCandidates } from '../../../../electron/core/kubeconfig/import-candidates.ts';
import { startRecordingApiserver, type RecordingApiserver } from '../../../fakes/recording-apiserver.ts';
import { MemorySecretStore } from '../../../fakes/memory-secret-store.ts';
import { kubeconfig, setup, tempDir, writeFile } from '../../../support/kubedesk-fixtures.ts';
import { writeFakePlugin } from '../../../support/fake-exec-plugin.ts';

let api: RecordingApiserver;
beforeAll(async () => {
  api = await startRecordingApiserver();
});
afterAll(() => api.dispose());

const ca = () => Buffer.from(api.caPem).toString('base64');
const cluster = (extra: Record<string, unknown> = {}) => ({
  name: 'k',
  cluster: { server: api.url, 'certificate-authority-data': ca(), ...extra },
});

function oneContext(user: Record<string, unknown>, clusterExtra: Record<string, unknown> = {}): string {
  return kubeconfig({
    current: 'c',
    clusters: [cluster(clusterExtra)],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'c', cluster: 'k', user: 'u', namespace: 'shop' }],
  });
}

async function get(files: string[], context?: string, opts: Parameters<typeof setup>[0] = {}) {
  const s = setup({ files, ...opts });
  const conn = await s.provider.connect(context);
  try {
    await kubeJson(conn, { path: '/version' });
  } finally {
    conn.dispose();
  }
  return api.requests.at(-1)!;
}

describe('ConnectionProvider: any context, any auth kind (docs/kubeconfig.md, Auth kinds)', () => {
  it('a kubeconfig token context: Bearer token over CA-verified TLS, namespace from the context', async () => {
    const file = writeFile(tempDir(), 'config', oneContext({ token: 'tok-a' }));
    const s = setup({ files: [file] });
    const conn = await s.provider.connect();
    expect([conn.context, conn.namespace, conn.authKind, conn.tls.rejectUnauthorized]).toEqual(['c', 'shop', 'token', true]);
    conn.dispose();
    expect((await get([file])).headers.authorization).toBe('Bearer tok-a');
  });

  it('an imported context authenticates with the secret from the keychain', async () => {
    const secrets = new MemorySecretStore();
    const s = setup({ secrets });
    const text = oneContext({ token: 'tok-from-keychain' }).replaceAll('"c"', '"imp"');
    await s.imported.import(importCandidates({ label: 'x', dir: '/', text }, undefined), 'x');
    expect(readFileSync(join(s.home, 'store.json'), 'utf8')).not.toContain('tok-from-keychain');
    const conn = await s.provider.connect('imp');
    await kubeJson(conn, { path: '/version' });
    conn.dispose();
    expect(api.requests.at(-1)!.headers.authorization).toBe('Bearer tok-from-keychain');
    expect(secrets.calls.filter((c) => c.op === 'get')).toHaveLength(1);
  });

  it('basic auth, impersonation headers, insecure-skip-tls-verify and tls-server-name', async () => {
    const dir = tempDir();
    const basic = writeFile(dir, 'basic', oneContext({ username: 'jane', password: 'pw', as: 'admin', 'as-groups': ['ops'] }));
    const r = await get([basic]);
    expect(r.headers.authorization).toBe(`Basic ${Buffer.from('jane:pw').toString('base64')}`);
    expect([r.headers['impersonate-user'], r.headers['impersonate-group']]).toEqual(['admin', 'ops']);
    const insecure = writeFile(
      dir,
      'insecure',
      kubeconfig({
        current: 'c',
        clusters: [{ name: 'k', cluster: { server: api.url, 'insecure-skip-tls-verify': true } }],
        users: [{ name: 'u', user: { token: 't' } }],
        contexts: [{ name: 'c', cluster: 'k', user: 'u' }],
      }),
    );
    expect((await get([insecure])).headers.authorization).toBe('Bearer t');
    const sni = writeFile(
      dir,
      'sni',
      oneContext({ token: 't' }, { server: api.url.replace('127.0.0.1', 'localhost'), 'tls-server-name': 'localhost' }),
    );
    expect((await get([sni])).headers.authorization).toBe('Bearer t');
  });

  it('a wrong CA fails as unreachable with the TLS reason', async () => {
    const file = writeFile(
      tempDir(),
      'config',
      oneContext(
        { token: 't' },
        {
          'certificate-authority-data': readFileSync(
            join(import.meta.dirname, '../../../fixtures/kubeconfig/pem/fixture-cert.pem'),
          ).toString('base64'),
        },
      ),
    );
    await expect(get([file])).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('tokenFile is re-read after a 401', async () => {
    const dir = tempDir();
    const tokenFile = writeFile(dir, 'token', 'first\n');
    const file = writeFile(dir, 'config', oneContext({ tokenFile: 'token' }));
    api.handle((req, res) => {
      const ok = req.headers.authorization === 'Bearer second';
      res
        .writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' })
        .end(ok ? '{"gitVersion":"v1.32.0"}' : '{"kind":"Status","message":"Unauthorized","code":401}');
      if (!ok) writeFileSync(tokenFile, 'second\n');
    });
    try {
      expect((await get([file])).headers.authorization).toBe('Bearer second');
    } finally {
      api.handle(undefined);
    }
  });

  it('an exec token rejected with 401 makes the plugin run again before the retry (conformance case 53)', async () => {
    const dir = tempDir();
    const plugin = writeFakePlugin(dir);
    const file = writeFile(
      dir,
      'config',
      oneContext({
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: './kd-fake-plugin',
          interactiveMode: 'Never',
          env: [{ name: 'PLUGIN_TOKEN', value: 'ex' }],
        },
      }),
    );
    api.handle((req, res) => {
      const ok = req.headers.authorization === 'Bearer ex-2';
      res
        .writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' })
        .end(ok ? '{}' : '{"kind":"Status","message":"Unauthorized","code":401}');
    });
    try {
      const seen = api.requests.length;
      await get([file]);
      expect(api.requests.slice(seen).map((r) => r.headers.authorization)).toEqual(['Bearer ex-1', 'Bearer ex-2']);
      expect(plugin.runs()).toHaveLength(2);
    } finally {
      api.handle(undefined);
    }
  });

  it("an exec plugin's client certificate replaces the agent's", async () => {
    const dir = tempDir();
    writeFakePlugin(dir);
    const fixtures = join(import.meta.dirname, '../../../fixtures/kubeconfig/pem');
    const file = writeFile(
      dir,
      'config',
      oneContext({
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: './kd-fake-plugin',
          interactiveMode: 'Never',
          env: [
            { name: 'PLUGIN_CERT', value: join(fixtures, 'fixture-cert.pem') },
            { name: 'PLUGIN_KEY', value: join(fixtures, 'fixture-key.pem') },
          ],
        },
      }),
    );
    const s = setup({ files: [file] });
    const conn = await s.provider.connect();
    const before = conn.agent;
    expect(await conn.authHeaders()).toEqual({});
    expect(conn.agent).not.toBe(before);
    expect(conn.tls.cert!.toString()).toContain('BEGIN CERTIFICATE');
    conn.dispose();
  });

  it('errors: unknown context, a context whose cluster is missing, a broken user', async () => {
    const dir = tempDir();
    const file = writeFile(
      dir,
      'config',
      kubeconfig({
        clusters: [cluster()],
        users: [{ name: 'u', user: { token: 't', username: 'x' } }],
        contexts: [
          { name: 'nocluster', cluster: 'gone', user: 'u' },
          { name: 'twoauth', cluster: 'k', user: 'u' },
        ],
      }),
    );
    const s = setup({ files: [file] });
    await expect(s.provider.connect('nope')).rejects.toThrow('context was not found for specified context: nope');
    await expect(s.provider.connect('nocluster')).rejects.toThrow(
      `${file}: contexts[0].context.cluster: cluster "gone" was not found for context "nocluster"`,
    );
    await expect(s.provider.connect('twoauth')).rejects.toThrow(
      'more than one authentication method found for u; found [token basicAuth], only one is allowed',
    );
  });
});
