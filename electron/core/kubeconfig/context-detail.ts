// One context's detail for the clusters view: server, TLS, auth kind, and where each secret
// lives — "keychain", the kubeconfig file, a file, an exec plugin — never its value.
import type { ContextDetail, ContextSummary, SecretLocation, SourceProblem } from '../../shared/ipc-contract.ts';
import { findExecutable } from '../cluster/find-executable.ts';
import { effectiveInteractiveMode } from '../cluster/exec-messages.ts';
import type { UnionContext } from './context-union.ts';
import { resolveAgainst } from './validate-kubeconfig.ts';

export function contextDetail(
  ctx: UnionContext,
  summary: ContextSummary,
  problems: SourceProblem[],
  execEnv: NodeJS.ProcessEnv,
): ContextDetail {
  const c = ctx.cluster?.value ?? {};
  const u = ctx.user?.value ?? {};
  const dir = ctx.user?.dir;
  const https = (c.server ?? '').startsWith('https:');
  const detail: ContextDetail = {
    summary,
    tls: {
      verified: https && c['insecure-skip-tls-verify'] !== true,
      ca: !https ? 'none' : c['certificate-authority-data'] ? 'data' : c['certificate-authority'] ? 'file' : 'system',
      ...(c['certificate-authority'] ? { caFile: resolveAgainst(ctx.cluster?.dir, c['certificate-authority']) } : {}),
      ...(c['tls-server-name'] ? { serverName: c['tls-server-name'] } : {}),
    },
    secrets: [],
    problems,
  };
  if (c['proxy-url']) detail.proxyUrl = redactUserinfo(c['proxy-url']);
  if (u.as) detail.impersonate = u.as;
  const secrets: SecretLocation[] = [];
  const stored = ctx.storedUser;
  if (stored) {
    for (const field of stored.secret?.fields ?? []) {
      secrets.push({ field, where: 'keychain', detail: `service ${stored.secret!.service}, account ${stored.secret!.account}` });
    }
  } else if (ctx.user) {
    for (const field of ['token', 'password', 'client-certificate-data', 'client-key-data'] as const) {
      if (u[field])
        secrets.push({
          field,
          where: 'kubeconfig',
          detail: `${ctx.user.file} (plain text; import the context to move it into the keychain)`,
        });
    }
    for (const field of ['client-secret', 'id-token', 'refresh-token']) {
      if (u['auth-provider']?.config?.[field])
        secrets.push({ field: `auth-provider.${field}`, where: 'kubeconfig', detail: `${ctx.user.file} (plain text)` });
    }
  }
  for (const field of ['tokenFile', 'client-certificate', 'client-key'] as const) {
    if (u[field]) secrets.push({ field, where: 'file', detail: resolveAgainst(dir, u[field]) });
  }
  if (u.exec) {
    const found = findExecutable(u.exec.command, { dir, env: execEnv });
    detail.exec = {
      command: u.exec.command,
      args: u.exec.args ?? [],
      apiVersion: u.exec.apiVersion ?? '',
      interactiveMode: effectiveInteractiveMode(u.exec.apiVersion, u.exec.interactiveMode) ?? '',
      ...(u.exec.installHint ? { installHint: u.exec.installHint } : {}),
      found: found !== undefined,
    };
    secrets.push({ field: 'token', where: 'exec-plugin', detail: `${u.exec.command} (run on demand; its output is kept in memory only)` });
  }
  const provider = u['auth-provider'];
  if (provider?.name === 'oidc')
    detail.oidc = { issuer: provider.config?.['idp-issuer-url'] ?? '', clientId: provider.config?.['client-id'] ?? '' };
  if (ctx.origin.kind === 'imported') {
    detail.imported = {
      from: ctx.importedFrom ?? '',
      at: ctx.importedAt ?? '',
      keychainService: stored?.secret?.service ?? 'KubeDesk',
      ...(stored?.secret ? { keychainAccount: stored.secret.account } : {}),
    };
  }
  detail.secrets = secrets;
  return detail;
}

function redactUserinfo(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
