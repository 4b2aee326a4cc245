// Authentication, version, authorization and clock (docs/doctor.md): what the apiserver says once
// the connection is up. Authentication reads the first answer's status itself, so a 401 names the
// kind of credential the apiserver refused; the Date header of that answer gives the clock skew.
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { kubeJson } from '../cluster/kube-request.ts';
import { whoAmI } from '../cluster/whoami.ts';
import { KubeDeskError } from '../errors.ts';
import type { UnionContext } from '../kubeconfig/context-union.ts';
import { HopFailure, ok, skipped, unknown, type HopOutcome } from './hop-runner.ts';
import { fieldOf } from './kubeconfig-hop.ts';
import { rawRequest, statusMessage, type RawAnswer } from './raw-request.ts';

function refused(conn: ClusterConnection, ctx: UnionContext): { what: string; hint: string } {
  const u = ctx.user?.value;
  switch (conn.authKind) {
    case 'token':
      return {
        what: `the bearer token from ${fieldOf(ctx, 'users', 'token')}`,
        hint: 'The token is wrong, revoked or expired: get a new one (`kubectl create token SA` for a service account).',
      };
    case 'token-file':
      return { what: `the token in ${u?.tokenFile ?? 'tokenFile'}`, hint: 'The file holds a wrong or expired token.' };
    case 'basic':
      return { what: 'the username and password', hint: 'Most clusters no longer accept basic auth; use a token or a client certificate.' };
    case 'exec':
      return {
        what: `the token from exec plugin ${u?.exec?.command ?? ''}`,
        hint: 'Log in again with the plugin (or its CLI); the identity it returns may not be known to this cluster.',
      };
    case 'oidc':
      return {
        what: 'the OIDC id-token',
        hint: "The apiserver does not trust this issuer or client-id, or the token's claims: ask the cluster admin.",
      };
    case 'client-cert':
      return {
        what: 'the client certificate',
        hint: 'It is not signed by a CA the apiserver trusts for clients (--client-ca-file), or it has expired.',
      };
    default:
      return { what: 'anonymous requests', hint: 'Add credentials to the user entry of this context.' };
  }
}

export async function authenticationHop(
  conn: ClusterConnection,
  ctx: UnionContext,
  signal: AbortSignal,
  now: () => number,
): Promise<{ outcome: HopOutcome; answer?: RawAnswer }> {
  let answer = await rawRequest(conn, { path: '/api', authenticate: true }, signal, now);
  if (answer.status === 401 && ['exec', 'oidc', 'token-file'].includes(conn.authKind)) {
    // As kube-request.ts: refresh a plugin's or file's credential once after a 401.
    conn.invalidate();
    answer = await rawRequest(conn, { path: '/api', authenticate: true }, signal, now);
  }
  if (answer.status === 401) {
    const r = refused(conn, ctx);
    return { outcome: { status: 'failed', detail: `401 Unauthorized: the apiserver refused ${r.what}`, hint: r.hint }, answer };
  }
  if (answer.status >= 500 || answer.status === 0)
    throw new HopFailure(
      `the apiserver answered ${answer.status}: ${statusMessage(answer.body)}`,
      'The apiserver (or a load balancer in front of it) is unwell.',
    );
  const me = await whoAmI(conn, signal).catch(() => undefined);
  const who = me ? `authenticated as ${me.username}${me.groups.length ? ` (groups ${me.groups.join(', ')})` : ''}` : 'credentials accepted';
  return { outcome: ok(`${who}, via ${conn.authKind}`), answer };
}

interface VersionInfo {
  gitVersion?: string;
  platform?: string;
  goVersion?: string;
}

export async function versionHop(conn: ClusterConnection, signal: AbortSignal): Promise<HopOutcome> {
  try {
    const v = await kubeJson<VersionInfo>(conn, { path: '/version', signal });
    return ok(`Kubernetes ${v.gitVersion ?? '(no gitVersion)'}${v.platform ? ` on ${v.platform}` : ''}`);
  } catch (err) {
    if (signal.aborted) throw err;
    throw new HopFailure(
      `GET /version: ${err instanceof KubeDeskError ? err.message : String(err)}`,
      'The server answers, but not as a Kubernetes apiserver: is the server URL (and its path) right?',
    );
  }
}

/** What KubeDesk needs (docs/doctor.md, authorization): watch lists, port-forward and the service proxy. */
const NEEDED: ReadonlyArray<{ verb: string; resource: string; subresource?: string }> = [
  { verb: 'list', resource: 'services' },
  { verb: 'watch', resource: 'services' },
  { verb: 'list', resource: 'pods' },
  { verb: 'watch', resource: 'pods' },
  { verb: 'list', resource: 'endpoints' },
  { verb: 'watch', resource: 'endpoints' },
  { verb: 'create', resource: 'pods', subresource: 'portforward' },
  { verb: 'get', resource: 'services', subresource: 'proxy' },
];

interface AccessReview {
  status?: { allowed?: boolean; reason?: string };
}

export async function authorizationHop(conn: ClusterConnection, namespace: string, signal: AbortSignal): Promise<HopOutcome> {
  const asks = NEEDED.map(async (n) => {
    const review = await kubeJson<AccessReview>(conn, {
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: { namespace, verb: n.verb, resource: n.resource, ...(n.subresource ? { subresource: n.subresource } : {}) },
        },
      },
      signal,
    });
    return { ...n, allowed: review.status?.allowed === true };
  });
  let results: Array<(typeof NEEDED)[number] & { allowed: boolean }>;
  try {
    results = await Promise.all(asks);
  } catch (err) {
    if (signal.aborted) throw err;
    if (err instanceof KubeDeskError && (err.code === 'not-found' || err.code === 'forbidden'))
      return unknown(
        `SelfSubjectAccessReview is not available (${err.message}): permissions not checked`,
        'An old apiserver, or one that does not let you ask.',
      );
    throw err;
  }
  const name = (n: { verb: string; resource: string; subresource?: string }): string =>
    `${n.verb} ${n.resource}${n.subresource ? '/' + n.subresource : ''}`;
  const denied = results.filter((r) => !r.allowed);
  if (denied.length > 0) {
    const first = denied[0]!;
    throw new HopFailure(
      `not allowed in namespace ${namespace}: ${denied.map(name).join(', ')}`,
      `Ask the cluster admin for a Role granting it (check with \`kubectl auth can-i ${first.verb} ${first.resource}${first.subresource ? '/' + first.subresource : ''} -n ${namespace}\`).`,
    );
  }
  return ok(`allowed in namespace ${namespace}: ${results.map(name).join(', ')}`);
}

const SKEW_WARN_MS = 30_000;
const SKEW_FAIL_MS = 5 * 60_000;

export function clockHop(answer: RawAnswer | undefined, now: () => number): HopOutcome {
  const date = answer?.headers.date;
  if (!answer || !date) return skipped('no Date header from the apiserver to compare with');
  const server = Date.parse(date);
  if (Number.isNaN(server)) return skipped(`the Date header "${date}" is not a date`);
  // The header has whole seconds: up to 1 s either way is rounding.
  const skew = server - answer.at;
  const seconds = Math.round(skew / 1000);
  const side = seconds > 0 ? 'ahead of' : 'behind';
  const text =
    Math.abs(seconds) <= 1
      ? 'the server clock agrees with this machine (within 1 s)'
      : `the server clock is ${Math.abs(seconds)} s ${side} this machine's (${new Date(now()).toISOString()})`;
  if (Math.abs(skew) > SKEW_FAIL_MS)
    throw new HopFailure(
      text,
      'Tokens and certificates are checked against clocks: sync this machine with NTP (or tell the cluster admin, if it is the server).',
    );
  if (Math.abs(skew) > SKEW_WARN_MS) return ok(`warning: ${text}`, 'Sync this machine with NTP: short-lived tokens may fail at the edges.');
  return ok(text);
}
