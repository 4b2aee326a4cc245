// The kubeconfig for the demo cluster: one cluster (server URL + certificate-authority-data,
// never insecure-skip-tls-verify) and one context per way of authenticating — `demo` (bearer
// token, current), `demo-basic` (username/password), `demo-cert` (client certificate). The
// file holds secrets, so it is written with mode 0600 and never logged.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { DEMO_CLUSTER_NAME, DEMO_CONTEXTS, DEMO_NAMESPACE } from './demo-names.ts';

export interface DemoCredentials {
  token: string;
  username: string;
  password: string;
  clientCertPem: string;
  clientKeyPem: string;
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

export function demoKubeconfigYaml(url: string, caPem: string, creds: DemoCredentials): string {
  const context = (name: string, user: string): Record<string, unknown> => ({
    name,
    context: { cluster: DEMO_CLUSTER_NAME, user, namespace: DEMO_NAMESPACE },
  });
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': DEMO_CONTEXTS.token,
    clusters: [{ name: DEMO_CLUSTER_NAME, cluster: { server: url, 'certificate-authority-data': b64(caPem) } }],
    users: [
      { name: DEMO_CONTEXTS.token, user: { token: creds.token } },
      { name: DEMO_CONTEXTS.basic, user: { username: creds.username, password: creds.password } },
      {
        name: DEMO_CONTEXTS.cert,
        user: { 'client-certificate-data': b64(creds.clientCertPem), 'client-key-data': b64(creds.clientKeyPem) },
      },
    ],
    contexts: [
      context(DEMO_CONTEXTS.token, DEMO_CONTEXTS.token),
      context(DEMO_CONTEXTS.basic, DEMO_CONTEXTS.basic),
      context(DEMO_CONTEXTS.cert, DEMO_CONTEXTS.cert),
    ],
  });
}

/** Writes DIR/kubeconfig with mode 0600 (DIR is created 0700 if missing); returns the path. */
export async function writeDemoKubeconfig(dir: string, yaml: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, 'kubeconfig');
  await writeFile(path, yaml, { mode: 0o600 });
  // writeFile's mode only applies when it creates the file.
  await chmod(path, 0o600);
  return path;
}
