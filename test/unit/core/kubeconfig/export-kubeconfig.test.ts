import { describe, expect, it } from 'vitest';
import { exportKubeconfig } from '../../../../electron/core/kubeconfig/export-kubeconfig.ts';
import type { StoreDoc } from '../../../../electron/core/store/store-schema.ts';

const ENTRY = { command: '/usr/bin/kubedesk', args: [] };
const secret = (account: string, fields: string[]) =>
  ({ service: 'KubeDesk', account, fields }) as NonNullable<StoreDoc['users'][0]['secret']>;

function doc(current?: string): StoreDoc {
  return {
    version: 1,
    ...(current ? { 'current-context': current } : {}),
    clusters: [
      {
        id: 'c1c1',
        name: 'kubernetes',
        cluster: {
          server: 'https://a:6443',
          'certificate-authority-data': 'Q0E=',
          'tls-server-name': 'api.a',
          'proxy-url': 'socks5://p:1080',
        },
      },
      { id: 'c2c2', name: 'kubernetes', cluster: { server: 'https://b:6443', 'insecure-skip-tls-verify': true } },
    ],
    users: [
      { id: 'u1u1', name: 'admin', user: { as: 'jane', 'as-groups': ['dev'] }, secret: secret('admin#u1u1', ['token']) },
      { id: 'u2u2', name: 'admin', user: {}, secret: secret('admin#u2u2', ['client-certificate-data', 'client-key-data']) },
      { id: 'u3u3', name: 'basic', user: { username: 'bob' }, secret: secret('basic#u3u3', ['password']) },
      { id: 'u4u4', name: 'files', user: { tokenFile: '/var/run/token' } },
    ],
    contexts: [
      { name: 'a', context: { cluster: 'c1c1', user: 'u1u1', namespace: 'shop' } },
      { name: 'b', context: { cluster: 'c2c2', user: 'u2u2' } },
      { name: 'basic', context: { cluster: 'c1c1', user: 'u3u3' } },
      { name: 'files', context: { cluster: 'c2c2', user: 'u4u4' } },
    ],
    preferences: {},
  };
}

describe('exportKubeconfig: a kubeconfig kubectl uses as it is (docs/kubeconfig.md, Exporting)', () => {
  it('writes users with keychain secrets as never-interactive exec entries, keeps impersonation and users without secrets', () => {
    const { config } = exportKubeconfig(doc('a'), {
      entry: { command: '/node', args: ['/repo/bin.ts'] },
      env: [{ name: 'KUBEDESK_HOME', value: '/h' }],
    });
    expect(config.users).toEqual([
      {
        name: 'admin',
        user: {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: '/node',
            args: ['/repo/bin.ts', 'credential', '--context', 'a'],
            env: [{ name: 'KUBEDESK_HOME', value: '/h' }],
            installHint: expect.any(String),
            interactiveMode: 'Never',
            provideClusterInfo: false,
          },
          as: 'jane',
          'as-groups': ['dev'],
        },
      },
      { name: 'admin-2', user: { exec: expect.objectContaining({ args: ['/repo/bin.ts', 'credential', '--context', 'b'] }) } },
      { name: 'files', user: { tokenFile: '/var/run/token' } },
    ]);
    expect(JSON.stringify(config)).not.toContain('password');
  });

  it('keeps every cluster field (server, CA, TLS name, proxy, insecure flag) and suffixes clashing names', () => {
    const { config } = exportKubeconfig(doc('a'), { entry: ENTRY, env: [] });
    expect(config.clusters).toEqual([
      { name: 'kubernetes', cluster: doc().clusters[0]!.cluster },
      { name: 'kubernetes-2', cluster: doc().clusters[1]!.cluster },
    ]);
    expect(config.contexts).toEqual([
      { name: 'a', context: { cluster: 'kubernetes', user: 'admin', namespace: 'shop' } },
      { name: 'b', context: { cluster: 'kubernetes-2', user: 'admin-2' } },
      { name: 'files', context: { cluster: 'kubernetes-2', user: 'files' } },
    ]);
    expect(config.users.every((u) => !('env' in ((u.user as { exec?: object }).exec ?? {})))).toBe(true);
  });

  it('current-context: the store current one, else the only exported context, else none with a warning', () => {
    expect(exportKubeconfig(doc('b'), { entry: ENTRY, env: [] }).config['current-context']).toBe('b');
    const one = exportKubeconfig(doc(), { contexts: ['files'], entry: ENTRY, env: [] });
    expect(one.config['current-context']).toBe('files');
    expect(one.warnings).toEqual([]);
    const current = exportKubeconfig(doc('b'), { contexts: ['a', 'files'], entry: ENTRY, env: [] });
    expect(current.config).not.toHaveProperty('current-context');
    expect(current.warnings).toEqual([
      expect.stringMatching(/^no current-context: 2 contexts exported and none is KubeDesk's current one/),
    ]);
  });

  it('leaves basic auth out with a warning; naming it is an error; unknown names are errors', () => {
    expect(exportKubeconfig(doc('a'), { entry: ENTRY, env: [] }).warnings).toEqual([
      'context "basic" uses basic auth, which an exec credential cannot carry; left out',
    ]);
    expect(() => exportKubeconfig(doc(), { contexts: ['a', 'basic'], entry: ENTRY, env: [] })).toThrow(
      'context "basic" uses basic auth, which an exec credential cannot carry; not exported',
    );
    expect(() => exportKubeconfig(doc(), { contexts: ['zzz'], entry: ENTRY, env: [] })).toThrow('context "zzz" is not imported');
    expect(() => exportKubeconfig({ ...doc(), contexts: [] }, { entry: ENTRY, env: [] })).toThrow(/^no context to export/);
  });
});
