// The credentials hop (docs/doctor.md, credentials): can this machine produce what the user entry
// says to send? A token is there; a token file is readable; an exec plugin is installed and runs
// (kubectl's not-found text with the entry's installHint when it is not); an OIDC id-token is valid
// or refreshes; a client certificate is in date and matches its key. Nothing it obtains is shown.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { jwtExpiry } from '../cluster/oidc-authenticator.ts';
import { KubeDeskError } from '../errors.ts';
import type { UnionContext } from '../kubeconfig/context-union.ts';
import { HopFailure, ok, skipped, type HopOutcome } from './hop-runner.ts';
import { fieldOf } from './kubeconfig-hop.ts';

function clientCert(conn: ClusterConnection, ctx: UnionContext): string | undefined {
  const { cert, key } = conn.tls;
  if (!cert) return undefined;
  const field = fieldOf(ctx, 'users', ctx.user?.value['client-certificate'] ? 'client-certificate' : 'client-certificate-data');
  let x: X509Certificate;
  try {
    x = new X509Certificate(cert);
  } catch {
    throw new HopFailure(`${field} is not a PEM certificate`, 'Put the PEM certificate (base64 of it in *-data fields) there.');
  }
  if (Date.parse(x.validTo) < Date.now())
    throw new HopFailure(
      `client certificate ${x.subject.replace(/\n/g, ', ')} expired on ${new Date(x.validTo).toISOString()}`,
      'Get a new client certificate from the cluster admin.',
    );
  if (key) {
    let matches: boolean;
    try {
      matches = x.checkPrivateKey(createPrivateKey(key));
    } catch {
      matches = false;
    }
    if (!matches)
      throw new HopFailure(
        'the client key does not belong to the client certificate',
        `Check ${fieldOf(ctx, 'users', 'client-key-data')} (or client-key).`,
      );
  }
  return `client certificate ${x.subject.replace(/\n/g, ', ')}, valid until ${new Date(x.validTo).toISOString()}`;
}

function execFailure(err: KubeDeskError, command: string): never {
  const [first, ...rest] = err.message.split('\n');
  const hint = rest.join('\n').trim();
  throw new HopFailure(first ?? err.message, hint || `Run \`${command}\` by hand to see why it fails; its stderr above may say more.`);
}

export async function credentialsHop(conn: ClusterConnection, ctx: UnionContext, signal: AbortSignal): Promise<HopOutcome> {
  const u = ctx.user?.value;
  const certNote = clientCert(conn, ctx);
  const impersonating = u?.as ? `, impersonating ${u.as}` : '';
  switch (conn.authKind) {
    case 'none':
      return skipped(`user ${conn.user || '(none)'} has no credentials: requests are anonymous`);
    case 'client-cert':
      return ok(`${certNote ?? 'client certificate'}${impersonating}`);
    case 'token':
      return ok(`bearer token from ${fieldOf(ctx, 'users', 'token')}${impersonating}${certNote ? ` and ${certNote}` : ''}`);
    case 'basic':
      return ok(`username and password from ${fieldOf(ctx, 'users', 'username')}${impersonating}`);
    default:
      break;
  }
  let headers: Record<string, unknown>;
  try {
    headers = await conn.authHeaders(signal);
  } catch (err) {
    if (signal.aborted) throw err;
    if (conn.authKind === 'exec' && err instanceof KubeDeskError) execFailure(err, u?.exec?.command ?? 'the plugin');
    if (conn.authKind === 'oidc' && err instanceof KubeDeskError)
      throw new HopFailure(err.message, 'Log in again with your identity provider (e.g. `kubectl oidc-login`), then retry.');
    if (conn.authKind === 'token-file' && err instanceof KubeDeskError)
      throw new HopFailure(
        err.message,
        'The token file must exist and be readable by you (in a pod, the service account token is mounted there).',
      );
    throw err;
  }
  const bearer = typeof headers['Authorization'] === 'string' ? headers['Authorization'] : undefined;
  if (conn.authKind === 'token-file') return ok(`token file ${u?.tokenFile ?? ''} is readable${impersonating}`);
  if (conn.authKind === 'exec') {
    const got = bearer ? 'a token' : conn.tls.cert ? 'a client certificate' : 'nothing usable';
    if (!bearer && !conn.tls.cert)
      throw new HopFailure(`exec plugin ${u?.exec?.command ?? ''} returned neither a token nor a certificate`, 'Check the plugin.');
    return ok(`exec plugin ${u?.exec?.command ?? ''} ran and returned ${got}${impersonating}`);
  }
  const exp = bearer ? jwtExpiry(bearer.replace(/^Bearer /, '')) : undefined;
  return ok(
    `OIDC id-token${exp ? ` valid until ${new Date(exp).toISOString()}` : ''} (refreshed when within 10 s of expiry)${impersonating}`,
  );
}
