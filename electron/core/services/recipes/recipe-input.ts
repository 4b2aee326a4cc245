// What the recipes need to know about a context, taken from its ClusterConnection without reading
// any credential: names, the server, how curl must verify it, and where the secret lives.
import type { AuthKind } from '../../../shared/contract/contexts.ts';
import type { ClusterConnection } from '../../cluster/cluster-connection.ts';
import { shQuote, shWord } from './quote.ts';

/** Where the context comes from: a kubeconfig file, or imported into KubeDesk (secrets in the keychain). */
export type RecipeOrigin = 'kubeconfig' | 'imported' | 'unknown';

/** How curl verifies the apiserver. */
export type CurlTls =
  | { kind: 'ca-file'; file: string }
  /** The kubeconfig names no CA: the system's CAs, as kubectl does. */
  | { kind: 'system' }
  /** `insecure-skip-tls-verify`: no CA to give. */
  | { kind: 'insecure' }
  | { kind: 'plain-http' };

export interface RecipeInput {
  context: string;
  cluster: string;
  namespace: string;
  authKind: AuthKind;
  server: URL;
  /** `tls-server-name`, when it differs from the server's host. */
  servername: string | undefined;
  tls: CurlTls;
  origin: RecipeOrigin;
  /** Shell text that runs KubeDesk's CLI. */
  kubedesk: string;
}

export const BEARER_KINDS: readonly AuthKind[] = ['token', 'token-file', 'exec', 'oidc'];

/** Why TLS cannot protect this context, for every recipe that talks to it from this machine. */
export function tlsWarning(tls: CurlTls): string | undefined {
  if (tls.kind === 'insecure')
    return (
      'TLS verification is off for this context (insecure-skip-tls-verify): anyone on the network path can read and ' +
      'change the traffic and capture its credentials. Fix the kubeconfig: give the cluster its certificate-authority ' +
      'and remove insecure-skip-tls-verify.'
    );
  if (tls.kind === 'plain-http')
    return (
      "This context's server is plain http://: anyone on the network path can read and change the traffic and " +
      "capture its credentials. Use the apiserver's https:// address."
    );
  return undefined;
}

export function tlsOf(conn: ClusterConnection, caFile: string): CurlTls {
  if (conn.server.protocol === 'http:') return { kind: 'plain-http' };
  if (!conn.tls.rejectUnauthorized) return { kind: 'insecure' };
  return conn.tls.ca ? { kind: 'ca-file', file: caFile } : { kind: 'system' };
}

export function recipeInput(conn: ClusterConnection, tls: CurlTls, origin: RecipeOrigin, kubedesk: readonly string[]): RecipeInput {
  const host = conn.server.hostname.replace(/^\[(.*)\]$/, '$1');
  const servername = conn.tls.servername && conn.tls.servername !== host ? conn.tls.servername : undefined;
  return {
    context: conn.context,
    cluster: conn.cluster,
    namespace: conn.namespace,
    authKind: conn.authKind,
    server: conn.server,
    servername,
    tls,
    origin,
    kubedesk: kubedesk.map(shWord).join(' '),
  };
}

/**
 * `URL` on the apiserver plus the curl options that reach and verify it: the server keeps its own
 * path (docs/proxy.md, Flags: --append-server-path); with `tls-server-name`, curl asks for that
 * name (SNI and verification) and `--connect-to` sends it to the real address.
 */
export function curlTarget(input: RecipeInput, path: string): { options: string[]; url: string } {
  const { server } = input;
  const base = server.pathname.replace(/\/+$/, '');
  const options: string[] = [];
  if (input.tls.kind === 'ca-file') options.push(`--cacert ${shQuote(input.tls.file)}`);
  if (input.tls.kind === 'insecure') options.push('--cacert ca.crt');
  if (input.servername === undefined) return { options, url: shQuote(`${server.protocol}//${server.host}${base}${path}`) };
  const port = server.port || (server.protocol === 'https:' ? '443' : '80');
  options.push(`--connect-to ${shQuote(`${input.servername}:${port}:${server.hostname}:${port}`)}`);
  return { options, url: shQuote(`${server.protocol}//${input.servername}:${port}${base}${path}`) };
}
