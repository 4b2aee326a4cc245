import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveKubeconfigSources } from '../../../../electron/core/kubeconfig/kubeconfig-sources.ts';
import { loadKubeconfig } from '../../../../electron/core/kubeconfig/load-kubeconfig.ts';
import { envSources, kubeconfig, tempDir, writeFile } from '../../../support/kubedesk-fixtures.ts';

const server = (s: string) => ({ server: s });

describe("kubeconfig sources and kubectl's merge rules (docs/kubeconfig.md, Merging)", () => {
  it('KUBECONFIG splits on the OS separator, drops empty entries and duplicates (conformance case 46)', () => {
    const s = resolveKubeconfigSources({ env: '/a::/b:/a', separator: ':', cwd: '/' });
    expect(s).toEqual({ files: ['/a', '/b'], mustExist: false, origin: 'env' });
    expect(resolveKubeconfigSources({ env: 'C:\\a;C:\\b', separator: ';', cwd: '/' }).files).toHaveLength(2);
    expect(resolveKubeconfigSources({ flag: 'x', env: '/a', cwd: '/w' })).toEqual({ files: ['/w/x'], mustExist: true, origin: 'flag' });
    expect(resolveKubeconfigSources({ home: '/h' }).files).toEqual([join('/h', '.kube', 'config')]);
  });

  it('the first file to define a name wins, whole entry; current-context from the first file that sets it (conformance case 46)', async () => {
    const dir = tempDir();
    const a = writeFile(
      dir,
      'a',
      kubeconfig({
        clusters: [{ name: 'dev', cluster: server('https://a.example') }],
        users: [{ name: 'u', user: { token: 'ta' } }],
        contexts: [{ name: 'dev', cluster: 'dev', user: 'u', namespace: 'from-a' }],
      }),
    );
    const b = writeFile(
      dir,
      'b',
      kubeconfig({
        current: 'dev',
        clusters: [
          { name: 'dev', cluster: server('https://b.example') },
          { name: 'only-b', cluster: server('https://only-b.example') },
        ],
        users: [{ name: 'u', user: { username: 'x', password: 'y' } }],
        contexts: [
          { name: 'dev', cluster: 'dev', user: 'u' },
          { name: 'b', cluster: 'only-b', user: 'u' },
        ],
      }),
    );
    const { merged, problems } = await loadKubeconfig(envSources(a, join(dir, 'missing'), b));
    expect(problems).toEqual([]);
    expect(merged.clusters.get('dev')!.value.server).toBe('https://a.example');
    expect(merged.users.get('u')!.value).toEqual({ token: 'ta' });
    expect(merged.contexts.get('dev')!.value.namespace).toBe('from-a');
    expect([...merged.contexts.keys()]).toEqual(['dev', 'b']);
    expect(merged.currentContext).toBe('dev');
  });

  it('a missing --kubeconfig file is an error naming it (conformance case 47)', async () => {
    await expect(loadKubeconfig(resolveKubeconfigSources({ flag: '/nope' }))).rejects.toThrow('/nope: no such file');
  });

  it('a bad file is a problem naming it and never hides the contexts of the others', async () => {
    const dir = tempDir();
    const good = writeFile(dir, 'good', kubeconfig({ clusters: [], users: [], contexts: [{ name: 'g', cluster: 'c', user: 'u' }] }));
    const bad = writeFile(dir, 'bad', 'clusters: [');
    const { merged, problems } = await loadKubeconfig(envSources(bad, good));
    expect([...merged.contexts.keys()]).toEqual(['g']);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(new RegExp(`^${bad}: not valid YAML: line \\d+: `));
  });
});
