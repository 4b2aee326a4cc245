import { describe, expect, it } from 'vitest';
import { inClusterConfig } from '../../../../electron/core/kubeconfig/in-cluster.ts';
import { tempDir, writeFile } from '../../../support/kubedesk-fixtures.ts';

describe('in-cluster configuration (docs/kubeconfig.md, In-cluster)', () => {
  it('IPv6 service host is bracketed; namespace from the file, trimmed (conformance case 55)', () => {
    const dir = tempDir();
    writeFile(dir, 'namespace', 'shop\n');
    const c = inClusterConfig({ KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' }, dir);
    expect(c.cluster.value.server).toBe('https://[fd00::1]:443');
    expect(c.namespace).toBe('shop');
    expect(c.user.value.tokenFile).toBe(`${dir}/token`);
    expect(inClusterConfig({ KUBERNETES_SERVICE_HOST: 'h', KUBERNETES_SERVICE_PORT: '1', POD_NAMESPACE: 'p' }, dir).namespace).toBe('p');
  });

  it('without the service env it says what is missing', () => {
    expect(() => inClusterConfig({})).toThrow(
      'unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined',
    );
  });
});
