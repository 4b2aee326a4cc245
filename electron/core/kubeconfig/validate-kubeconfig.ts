// kubectl's checks on the entries a context uses (client-go/tools/clientcmd/validation.go and
// the auth plugins), with kubectl's texts (docs/kubeconfig.md, Contexts with problems), each tied to the field at fault.
// kubectl checks only the context it is about to use; KubeDesk checks every context up front, so
// the app can show a banner and `contexts` can name the problem before anything connects.
import { accessSync, constants } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { findExecutable } from '../cluster/find-executable.ts';
import {
  effectiveInteractiveMode,
  executableNotFoundMessage,
  INTERACTIVE_MODES,
  interactiveModeRequiredMessage,
  invalidApiVersionMessage,
  isExecApiVersion,
} from '../cluster/exec-messages.ts';
import { pemDataProblem } from './kubeconfig-schema.ts';
import type { ClusterFields, ContextFields, Sourced, UserFields } from './kubeconfig-types.ts';

export interface EntryProblem {
  /** Field path inside the entry, e.g. `exec.command`; empty for the entry as a whole. */
  field: string;
  message: string;
  level: 'error' | 'warning';
}

export interface ValidateOptions {
  /** The env exec commands are looked up in (the login shell's for GUI launches); skip when absent. */
  execEnv?: NodeJS.ProcessEnv | undefined;
}

const REMOVED_PROVIDERS: Record<string, string> = {
  gcp:
    'The gcp auth plugin has been removed.\nPlease use the "gke-gcloud-auth-plugin" kubectl/client-go credential plugin instead.\n' +
    'See https://cloud.google.com/blog/products/containers-kubernetes/kubectl-auth-changes-in-gke for further details',
  azure:
    'The azure auth plugin has been removed.\nPlease use the https://github.com/Azure/kubelogin kubectl/client-go credential plugin instead.\n' +
    'See https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins for further details',
};

const error = (field: string, message: string): EntryProblem => ({ field, message, level: 'error' });

/** A path field, resolved against the holding file's folder (docs/kubeconfig.md, Paths). */
export function resolveAgainst(dir: string | undefined, path: string): string {
  return isAbsolute(path) || dir === undefined ? path : resolve(dir, path);
}

/** Why the file cannot be read (an errno code), or undefined. */
function unreadable(full: string): string | undefined {
  try {
    accessSync(full, constants.R_OK);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  }
}

/** client-go's "unable to read …" checks for the files a cluster or user names. */
function fileProblems(dir: string | undefined, name: string, fields: Array<[string, string | undefined]>): EntryProblem[] {
  const out: EntryProblem[] = [];
  for (const [field, path] of fields) {
    if (!path) continue;
    const full = resolveAgainst(dir, path);
    const why = unreadable(full);
    if (why) out.push(error(field, `unable to read ${field} ${full} for ${name} due to ${why}`));
  }
  return out;
}

/** PEM checks on the `*-data` fields (the loader only decodes their base64). */
function pemProblems(fields: Array<[string, 'CERTIFICATE' | 'PRIVATE KEY', string | undefined]>): EntryProblem[] {
  const out: EntryProblem[] = [];
  for (const [field, kind, value] of fields) {
    const why = value ? pemDataProblem(kind, value) : undefined;
    if (why) out.push(error(field, why));
  }
  return out;
}

export function validateCluster(name: string, c: ClusterFields, source: { dir?: string | undefined } = {}): EntryProblem[] {
  const out: EntryProblem[] = [
    ...pemProblems([['certificate-authority-data', 'CERTIFICATE', c['certificate-authority-data']]]),
    ...fileProblems(source.dir, name, [['certificate-authority', c['certificate-authority']]]),
  ];
  if (!c.server) {
    out.push(error('server', `no server found for cluster "${name}"`));
  } else {
    try {
      const url = new URL(c.server);
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        out.push(error('server', `server "${c.server}" for cluster "${name}" is not an http(s) URL`));
    } catch {
      out.push(error('server', `server "${c.server}" for cluster "${name}" is not a URL`));
    }
  }
  if (c['proxy-url']) {
    try {
      const p = new URL(c['proxy-url']);
      if (!['http:', 'https:', 'socks5:'].includes(p.protocol)) throw new Error('unsupported scheme');
    } catch {
      out.push(
        error(
          'proxy-url',
          `invalid 'proxy-url' "${c['proxy-url']}" for cluster "${name}": only http, https and socks5 proxies are supported`,
        ),
      );
    }
  }
  if (c['insecure-skip-tls-verify'] && (c['certificate-authority'] || c['certificate-authority-data'])) {
    out.push(error('insecure-skip-tls-verify', 'specifying a root certificates file with the insecure flag is not allowed'));
  } else if (c['insecure-skip-tls-verify'] && c.server?.startsWith('https:')) {
    out.push({
      field: 'insecure-skip-tls-verify',
      message: `TLS verification is off for cluster "${name}": the server's certificate is not checked, which leaves the connection open to MITM attacks`,
      level: 'warning',
    });
  }
  return out;
}

export function validateUser(
  name: string,
  u: UserFields,
  source: { dir?: string | undefined },
  opts: ValidateOptions = {},
): EntryProblem[] {
  const out: EntryProblem[] = [
    ...pemProblems([
      ['client-certificate-data', 'CERTIFICATE', u['client-certificate-data']],
      ['client-key-data', 'PRIVATE KEY', u['client-key-data']],
    ]),
    ...fileProblems(source.dir, name, [
      ['client-certificate', u['client-certificate']],
      ['client-key', u['client-key']],
      ['tokenFile', u.tokenFile],
    ]),
  ];
  const methods: string[] = [];
  if (u.token) methods.push('token');
  if (u.username || u.password) methods.push('basicAuth');
  if (u['client-certificate'] || u['client-certificate-data']) {
    if (!u['client-key'] && !u['client-key-data']) {
      out.push(error('', `client-key-data or client-key must be specified for ${name} to use the clientCert authentication method.`));
    }
  }
  const provider = u['auth-provider'];
  if (u.exec) {
    const e = u.exec;
    if (provider) out.push(error('auth-provider', `authProvider cannot be provided in combination with an exec plugin for ${name}`));
    // client-go/tools/clientcmd/validation.go: validateAuthInfo.
    if (!e.command) out.push(error('exec.command', `command must be specified for ${name} to use exec authentication plugin`));
    if (!e.apiVersion) out.push(error('exec.apiVersion', `apiVersion must be specified for ${name} to use exec authentication plugin`));
    else if (!isExecApiVersion(e.apiVersion)) out.push(error('exec.apiVersion', invalidApiVersionMessage(e.apiVersion)));
    const mode = effectiveInteractiveMode(e.apiVersion, e.interactiveMode);
    if (mode === undefined && isExecApiVersion(e.apiVersion)) out.push(error('exec', interactiveModeRequiredMessage(name)));
    else if (mode !== undefined && !(INTERACTIVE_MODES as readonly string[]).includes(mode)) {
      out.push(error('exec.interactiveMode', `invalid interactiveMode for ${name}: "${mode}"`));
    }
    if (opts.execEnv && e.command && !findExecutable(e.command, { dir: source.dir, env: opts.execEnv })) {
      out.push(error('exec.command', executableNotFoundMessage(e.command, e.installHint)));
    }
  } else if (provider) {
    const removed = REMOVED_PROVIDERS[provider.name];
    if (removed) out.push(error('auth-provider.name', removed));
    else if (provider.name !== 'oidc') out.push(error('auth-provider.name', `no Auth Provider found for name "${provider.name}"`));
    else {
      const cfg = provider.config ?? {};
      // client-go/plugin/pkg/client/auth/oidc/oidc.go's texts.
      if (!cfg['idp-issuer-url']) out.push(error('auth-provider.config', 'Must provide idp-issuer-url'));
      if (!cfg['client-id']) out.push(error('auth-provider.config', 'Must provide client-id'));
    }
  }
  if (methods.length > 1) {
    out.push(error('', `more than one authentication method found for ${name}; found [${methods.join(' ')}], only one is allowed`));
  }
  return out;
}

/** Problems with a context's own fields and references. */
export function validateContextRefs(
  name: string,
  ctx: ContextFields,
  has: { cluster(name: string): boolean; user(name: string): boolean },
): EntryProblem[] {
  const out: EntryProblem[] = [];
  if (!ctx.user) out.push(error('user', `user was not specified for context "${name}"`));
  else if (!has.user(ctx.user)) out.push(error('user', `user "${ctx.user}" was not found for context "${name}"`));
  if (!ctx.cluster) out.push(error('cluster', `cluster was not specified for context "${name}"`));
  else if (!has.cluster(ctx.cluster)) out.push(error('cluster', `cluster "${ctx.cluster}" was not found for context "${name}"`));
  return out;
}

/** `users[2].user.exec.command`: the problem's path inside the entry's file. */
export function fieldPath(entry: Sourced<unknown>, list: 'clusters' | 'users' | 'contexts', p: Pick<EntryProblem, 'field'>): string {
  const inner = list === 'clusters' ? 'cluster' : list === 'users' ? 'user' : 'context';
  return `${list}[${entry.index ?? 0}].${inner}${p.field ? '.' + p.field : ''}`;
}

/** `FILE: users[2].user.exec.command: message` for an entry read from a kubeconfig file. */
export function locate(entry: Sourced<unknown>, list: 'clusters' | 'users' | 'contexts', p: EntryProblem): string {
  return `${entry.file}: ${fieldPath(entry, list, p)}: ${p.message}`;
}
