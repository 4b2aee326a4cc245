// A ClusterConnection from one context's cluster and user (kubeconfig or imported, secrets in
// memory): TLS (CA file or data, insecure, tls-server-name, client cert file or data), proxy,
// and every auth kind of docs/kubeconfig.md, Auth kinds in its precedence order — token, tokenFile (re-read every
// minute and after a 401), basic, exec (cached until expiry, re-run after a 401, may supply a
// client cert), oidc (refreshed and written back). Impersonation headers from `as*`.
import { readFileSync } from 'node:fs';
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { AuthKind } from '../../shared/ipc-contract.ts';
import { KubeDeskError } from '../errors.ts';
import { authKindOf } from '../kubeconfig/auth-kind.ts';
import type { ClusterFields, Sourced, UserFields } from '../kubeconfig/kubeconfig-types.ts';
import { locate, resolveAgainst, validateCluster, validateUser } from '../kubeconfig/validate-kubeconfig.ts';
import { createAgent, type AuthHeaders, type ClusterConnection, type ClusterTls } from './cluster-connection.ts';
import type { ExecAuthenticator } from './exec-authenticator.ts';
import type { ExecClusterInfo, ExecRun } from './exec-plugin.ts';
import type { OidcAuthenticator, OidcOptions, OidcTokens } from './oidc-authenticator.ts';
import { proxyFor } from './proxy-agent.ts';

export interface ConnectTarget {
  context: string;
  namespace?: string | undefined;
  cluster: Sourced<ClusterFields>;
  /** With its secrets (in memory only). */
  user: Sourced<UserFields> | undefined;
  /** Writes refreshed OIDC tokens back where they came from. */
  persistOidc?: ((tokens: OidcTokens) => Promise<void>) | undefined;
}

/** Authenticators shared by every connection of one context and user (caches, refresh tokens). */
export interface SharedAuth {
  exec(key: string, run: ExecRun): ExecAuthenticator;
  oidc(key: string, opts: OidcOptions): OidcAuthenticator;
}

export interface BuildDeps {
  /** The env proxy variables come from (the login shell's for a GUI launch). */
  env: NodeJS.ProcessEnv;
  auth: SharedAuth;
  now?: () => number;
}

function readPath(entry: Sourced<unknown>, list: 'clusters' | 'users', field: string, path: string): Buffer {
  const full = resolveAgainst(entry.dir, path);
  try {
    return readFileSync(full);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new KubeDeskError('invalid-input', locate(entry, list, { field, message: `cannot read ${full}: ${why}`, level: 'error' }));
  }
}

/** client-go/transport/round_trippers.go (NewImpersonatingRoundTripper): one header line per group and per extra value. */
function impersonation(u: UserFields | undefined): AuthHeaders {
  const h: AuthHeaders = {};
  if (!u) return h;
  if (u.as) h['Impersonate-User'] = u.as;
  if (u['as-uid']) h['Impersonate-Uid'] = u['as-uid'];
  if (u['as-groups']?.length) h['Impersonate-Group'] = [...u['as-groups']];
  for (const [k, v] of Object.entries(u['as-user-extra'] ?? {})) {
    if (v.length > 0) h[`Impersonate-Extra-${encodeURIComponent(k)}`] = [...v];
  }
  return h;
}

function execClusterInfo(cluster: Sourced<ClusterFields>, ca: Buffer | undefined): ExecClusterInfo {
  const c = cluster.value;
  const ext = Array.isArray(c.extensions)
    ? (c.extensions as Array<{ name?: unknown; extension?: unknown }>).find((e) => e.name === 'client.authentication.k8s.io/exec')
        ?.extension
    : undefined;
  return {
    server: c.server ?? '',
    'tls-server-name': c['tls-server-name'],
    'insecure-skip-tls-verify': c['insecure-skip-tls-verify'],
    'certificate-authority-data': ca?.toString('base64'),
    'proxy-url': c['proxy-url'],
    'disable-compression': c['disable-compression'],
    config: ext,
  };
}

class Connection implements ClusterConnection {
  readonly context: string;
  readonly cluster: string;
  readonly user: string;
  readonly server: URL;
  readonly namespace: string;
  readonly authKind: AuthKind;
  #tls: ClusterTls;
  #agent: HttpsAgent | HttpAgent;
  #agents: Array<HttpsAgent | HttpAgent> = [];
  #proxy: URL | undefined;
  #auth: (signal?: AbortSignal) => Promise<AuthHeaders>;
  #invalidate: () => void;
  #certFromExec: string | undefined;

  constructor(init: {
    target: ConnectTarget;
    server: URL;
    tls: ClusterTls;
    proxy: URL | undefined;
    authKind: AuthKind;
    auth: (conn: Connection, signal?: AbortSignal) => Promise<AuthHeaders>;
    invalidate: () => void;
  }) {
    const { target } = init;
    this.context = target.context;
    this.cluster = target.cluster.name;
    this.user = target.user?.name ?? '';
    this.server = init.server;
    this.namespace = target.namespace || 'default';
    this.authKind = init.authKind;
    this.#tls = init.tls;
    this.#proxy = init.proxy;
    this.#agent = createAgent(this.server, this.#tls, this.#proxy);
    this.#agents.push(this.#agent);
    this.#auth = (signal) => init.auth(this, signal);
    this.#invalidate = init.invalidate;
  }

  get tls(): ClusterTls {
    return this.#tls;
  }

  /** Read it after `authHeaders()`: an exec plugin may have just supplied a new client cert. */
  get agent(): HttpsAgent | HttpAgent {
    return this.#agent;
  }

  /** The proxy requests go through, if any (for the detail view and doctor). */
  get proxy(): URL | undefined {
    return this.#proxy;
  }

  authHeaders(signal?: AbortSignal): Promise<AuthHeaders> {
    return this.#auth(signal);
  }

  /** An exec plugin's client cert: a new agent when it changes (old sockets keep their cert). */
  useClientCert(certPem: string, keyPem: string): void {
    const id = certPem + keyPem;
    if (this.#certFromExec === id) return;
    this.#certFromExec = id;
    this.#tls = { ...this.#tls, cert: Buffer.from(certPem), key: Buffer.from(keyPem) };
    this.#agent = createAgent(this.server, this.#tls, this.#proxy);
    this.#agents.push(this.#agent);
  }

  invalidate(): void {
    this.#invalidate();
  }

  dispose(): void {
    for (const a of this.#agents) a.destroy();
    this.#agents = [];
  }
}

export function buildConnection(target: ConnectTarget, deps: BuildDeps): ClusterConnection {
  const { cluster, user } = target;
  const c = cluster.value;
  const clusterError = validateCluster(cluster.name, c, { dir: cluster.dir }).find((p) => p.level === 'error');
  if (clusterError) throw new KubeDeskError('invalid-input', locate(cluster, 'clusters', clusterError));
  if (user) {
    // The exec command is looked up when the plugin runs (with the login shell's PATH).
    const userError = validateUser(user.name, user.value, { dir: user.dir }).find((p) => p.level === 'error');
    if (userError) throw new KubeDeskError('invalid-input', locate(user, 'users', userError));
  }
  const server = new URL(c.server!);
  const ca = c['certificate-authority-data']
    ? Buffer.from(c['certificate-authority-data'], 'base64')
    : c['certificate-authority']
      ? readPath(cluster, 'clusters', 'certificate-authority', c['certificate-authority'])
      : undefined;
  const tls: ClusterTls = { ca, servername: c['tls-server-name'], rejectUnauthorized: c['insecure-skip-tls-verify'] !== true };
  const u = user?.value;
  if (u && user) {
    if (u['client-certificate-data']) tls.cert = Buffer.from(u['client-certificate-data'], 'base64');
    else if (u['client-certificate']) tls.cert = readPath(user, 'users', 'client-certificate', u['client-certificate']);
    if (u['client-key-data']) tls.key = Buffer.from(u['client-key-data'], 'base64');
    else if (u['client-key']) tls.key = readPath(user, 'users', 'client-key', u['client-key']);
  }
  const authKind = authKindOf(u);
  const imp = impersonation(u);
  const now = deps.now ?? Date.now;
  const key = `${target.context}\u0000${user?.file ?? ''}\u0000${user?.name ?? ''}`;
  let auth: (conn: Connection, signal?: AbortSignal) => Promise<AuthHeaders> = async () => ({ ...imp });
  let invalidate = (): void => {};

  if (u?.token) {
    const header = `Bearer ${u.token}`;
    auth = async () => ({ Authorization: header, ...imp });
  } else if (u?.tokenFile && user) {
    // Re-read at most once a minute (docs/kubeconfig.md, Auth kinds: the file rotates), and after a 401.
    let cached: { value: string; at: number } | undefined;
    const file = u.tokenFile;
    auth = async () => {
      if (!cached || now() - cached.at > 60_000) {
        cached = { value: readPath(user, 'users', 'tokenFile', file).toString('utf8').trim(), at: now() };
      }
      return { Authorization: `Bearer ${cached.value}`, ...imp };
    };
    invalidate = () => (cached = undefined);
  } else if (u && (u.username !== undefined || u.password !== undefined)) {
    const header = `Basic ${Buffer.from(`${u.username ?? ''}:${u.password ?? ''}`).toString('base64')}`;
    auth = async () => ({ Authorization: header, ...imp });
  } else if (u?.exec && user) {
    const exec = deps.auth.exec(key + '\u0000' + JSON.stringify(u.exec), {
      exec: u.exec,
      user: user.name,
      dir: user.dir,
      cluster: execClusterInfo(cluster, ca),
    });
    auth = async (conn, signal) => {
      const cred = await exec.credential(signal);
      if (cred.clientCertificateData && cred.clientKeyData) conn.useClientCert(cred.clientCertificateData, cred.clientKeyData);
      return cred.token ? { Authorization: `Bearer ${cred.token}`, ...imp } : { ...imp };
    };
    invalidate = () => exec.invalidate();
  } else if (u?.['auth-provider']?.name === 'oidc' && user) {
    const persist = target.persistOidc;
    const oidc = deps.auth.oidc(key, {
      user: user.name,
      config: { ...u['auth-provider'].config },
      dir: user.dir,
      persist: persist ?? (async () => {}),
      now,
    });
    auth = async (_conn, signal) => ({ Authorization: `Bearer ${await oidc.idToken(signal)}`, ...imp });
    invalidate = () => oidc.invalidate();
  }
  return new Connection({ target, server, tls, proxy: proxyFor(server, c['proxy-url'], deps.env), authKind, auth, invalidate });
}
