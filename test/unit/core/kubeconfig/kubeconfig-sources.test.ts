import { describe, expect, it } from 'vitest';
import { LayeredKubeconfigSources, resolveKubeconfigSources } from '../../../../electron/core/kubeconfig/kubeconfig-sources.ts';

describe('LayeredKubeconfigSources', () => {
  it('reads a file put first before the base sources, until it is taken out', () => {
    const base = resolveKubeconfigSources({ env: '/a:/b', separator: ':', cwd: '/' });
    const sources = new LayeredKubeconfigSources(base);
    expect(sources.files).toEqual(['/a', '/b']);
    const demo = sources.putFirst('/tmp/demo/kubeconfig');
    expect(sources.files).toEqual(['/tmp/demo/kubeconfig', '/a', '/b']);
    void demo.dispose();
    expect(sources.files).toEqual(['/a', '/b']);
    void demo.dispose();
    expect(sources.files).toEqual(['/a', '/b']);
  });

  it('never edits the base sources or a list it handed out', () => {
    const base = { files: ['/a'], mustExist: false, origin: 'env' as const };
    const sources = new LayeredKubeconfigSources(base);
    const before = sources.files;
    sources.putFirst('/demo');
    before.push('/mutated');
    expect(base.files).toEqual(['/a']);
    expect(sources.files).toEqual(['/demo', '/a']);
  });

  it('keeps the origin and mustExist of the base, and lists a file only once', () => {
    const sources = new LayeredKubeconfigSources({ files: ['/k'], mustExist: true, origin: 'flag' });
    sources.putFirst('/k');
    expect(sources.files).toEqual(['/k']);
    expect(sources.origin).toBe('flag');
    expect(sources.mustExist).toBe(true);
  });
});
