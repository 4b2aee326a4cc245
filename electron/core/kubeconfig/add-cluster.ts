// The app's "Add cluster" form → one context to import: a cluster, a user named after the
// context, and the context. The same checks as a kubeconfig apply; errors name the form field.
import type { AddClusterRequest } from '../../shared/ipc-contract.ts';
import { KubeDeskError } from '../errors.ts';
import type { ImportCandidate } from '../store/imported-contexts.ts';
import { clusterSchema, describeIssue, userSchema } from './kubeconfig-schema.ts';
import type { ClusterFields, UserFields } from './kubeconfig-types.ts';
import { validateCluster, validateUser } from './validate-kubeconfig.ts';

/** kubeconfig field → the form's label, for error messages. */
const LABELS: Record<string, string> = {
  server: 'Server URL',
  'certificate-authority-data': 'CA certificate',
  'insecure-skip-tls-verify': 'Skip TLS verification',
  'client-certificate-data': 'Client certificate',
  'client-key-data': 'Client key',
  token: 'Token',
  username: 'Username',
  password: 'Password',
};

function fail(field: string, message: string): never {
  throw new KubeDeskError('invalid-input', `${LABELS[field] ?? field}: ${message}`);
}

const b64 = (pem: string): string => Buffer.from(pem.trim() + '\n').toString('base64');

export function addClusterCandidate(req: AddClusterRequest): ImportCandidate {
  const server = req.server.trim();
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return fail('server', `"${server}" is not a URL (expected https://HOST:PORT)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('server', `"${server}" is not an http(s) URL`);
  const cluster: ClusterFields = { server };
  if (req.certificateAuthority?.trim()) cluster['certificate-authority-data'] = b64(req.certificateAuthority);
  if (req.insecureSkipTlsVerify) cluster['insecure-skip-tls-verify'] = true;
  if (req.tlsServerName?.trim()) cluster['tls-server-name'] = req.tlsServerName.trim();
  const user: UserFields = {};
  const a = req.auth;
  if (a.kind === 'token') user.token = a.token.trim();
  else if (a.kind === 'basic') Object.assign(user, { username: a.username, password: a.password });
  else if (a.kind === 'client-cert') Object.assign(user, { 'client-certificate-data': b64(a.certificate), 'client-key-data': b64(a.key) });

  for (const [schema, value] of [
    [clusterSchema, cluster],
    [userSchema, user],
  ] as const) {
    const r = schema.safeParse(value, { reportInput: true });
    if (!r.success) {
      const issue = r.error.issues[0]!;
      fail(String(issue.path[0] ?? ''), describeIssue(issue));
    }
  }
  const problem = [...validateCluster(req.name, cluster), ...validateUser(req.name, user, {})].find((p) => p.level === 'error');
  if (problem) fail(problem.field, problem.message);
  return {
    name: req.name,
    namespace: req.namespace?.trim() || undefined,
    cluster: { name: req.name, fields: cluster },
    user: { name: req.name, fields: user },
  };
}
