// In-cluster configuration (docs/kubeconfig.md, In-cluster, client-go rest.InClusterConfig): used when no kubeconfig
// context exists. The token is a tokenFile, so it is re-read as it rotates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeDeskError } from '../errors.ts';
import type { ClusterFields, Sourced, UserFields } from './kubeconfig-types.ts';

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface InClusterConfig {
  cluster: Sourced<ClusterFields>;
  user: Sourced<UserFields>;
  namespace: string;
}

export function inClusterConfig(env: NodeJS.ProcessEnv, dir: string = SERVICE_ACCOUNT_DIR): InClusterConfig {
  const host = env['KUBERNETES_SERVICE_HOST'];
  const port = env['KUBERNETES_SERVICE_PORT'];
  if (!host || !port) {
    throw new KubeDeskError(
      'invalid-input',
      'unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined',
    );
  }
  const hostPart = host.includes(':') ? `[${host}]` : host;
  let namespace = env['POD_NAMESPACE'] || '';
  if (!namespace) {
    try {
      namespace = readFileSync(join(dir, 'namespace'), 'utf8').trim();
    } catch {}
  }
  const at = { file: '(in-cluster)', dir };
  return {
    cluster: { name: 'in-cluster', value: { server: `https://${hostPart}:${port}`, 'certificate-authority': join(dir, 'ca.crt') }, ...at },
    user: { name: 'in-cluster', value: { tokenFile: join(dir, 'token') }, ...at },
    namespace: namespace || 'default',
  };
}
