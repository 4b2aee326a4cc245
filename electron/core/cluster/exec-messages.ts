// kubectl's exact texts for exec plugin failures (client-go/plugin/pkg/client/auth/exec/exec.go),
// shared by validation (the banner, `contexts`) and the plugin runner.

export const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const;
export type ExecApiVersion = (typeof EXEC_API_VERSIONS)[number];

export const INTERACTIVE_MODES = ['Never', 'IfAvailable', 'Always'] as const;

const PLUGIN_DOCS = 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins';

export function isExecApiVersion(v: string | undefined): v is ExecApiVersion {
  return (EXEC_API_VERSIONS as readonly (string | undefined)[]).includes(v);
}

export function invalidApiVersionMessage(v: string | undefined): string {
  return `exec plugin: invalid apiVersion "${v ?? ''}"`;
}

/** docs/kubeconfig.md, Auth kinds: the not-found text, then the install hint the kubeconfig gives. */
export function executableNotFoundMessage(command: string, installHint: string | undefined): string {
  const lines = [
    `exec: executable ${command} not found`,
    '',
    'It looks like you are trying to use a client-go credential plugin that is not installed.',
    '',
    'To learn more about this feature, consult the documentation available at:',
    `      ${PLUGIN_DOCS}`,
  ];
  if (installHint?.trim()) lines.push('', installHint.trim());
  return lines.join('\n');
}

export function interactiveModeRequiredMessage(user: string): string {
  return `interactiveMode must be specified for ${user} to use exec authentication plugin`;
}

/** v1 requires interactiveMode; v1beta1 defaults it to IfAvailable (docs/kubeconfig.md, Exec plugins). */
export function effectiveInteractiveMode(apiVersion: string | undefined, mode: string | undefined): string | undefined {
  if (mode) return mode;
  return apiVersion === 'client.authentication.k8s.io/v1beta1' ? 'IfAvailable' : undefined;
}
