// curl recipes, after "Directly accessing the REST API" of the Kubernetes guide "Accessing
// Clusters" (docs/access-recipes.md): straight to the apiserver with `--cacert` (never
// `--insecure`), or through `kubedesk proxy` as the guide does with `kubectl proxy`.
import type { AccessRecipe } from '../../../shared/contract/services.ts';
import { BEARER_KINDS, curlTarget, tlsWarning, type RecipeInput } from './recipe-input.ts';
import { shQuote } from './quote.ts';

/** Commands whose stdout is one `Authorization: Bearer …` line, read from where the secret lives. */
interface HeaderSource {
  id: string;
  title: string;
  comment: string[];
  commands: string[];
}

const THROUGH_PIPES = "# The token goes through pipes only, never onto curl's command line (`ps` shows that to every local user).";

/**
 * `status.token` of the ExecCredential as a header line, with POSIX sed: no jq, and no node, which an
 * installed KubeDesk does not put on PATH (its launcher runs the CLI on the app's own runtime,
 * docs/kubeconfig.md, KubeDesk as an exec plugin). A bearer token has no `"` or `\\` for JSON to
 * escape (RFC 6750, b64token).
 */
const TOKEN_TO_HEADER = 's/.*"token":"\\([^"]*\\)".*/Authorization: Bearer \\1/p';

function keychainSource(input: RecipeInput): HeaderSource {
  return {
    id: 'curl-keychain',
    title: 'curl with the token from the keychain',
    comment: [
      '# `kubedesk credential` prints the token of this imported context (from the keychain, or from its',
      '# exec plugin or OIDC provider) as a one-line ExecCredential; sed turns it into the header.',
      THROUGH_PIPES,
    ],
    commands: [`${input.kubedesk} credential --context ${shQuote(input.context)}`, `sed -n ${shQuote(TOKEN_TO_HEADER)}`],
  };
}

function kubeconfigSource(input: RecipeInput): HeaderSource {
  return {
    id: 'curl-kubeconfig',
    title: 'curl with the token from your kubeconfig',
    comment: ['# kubectl prints the header with the token of this context from your kubeconfig.', THROUGH_PIPES],
    commands: [
      `kubectl config view --raw --minify --context ${shQuote(input.context)} -o jsonpath='Authorization: Bearer {.users[0].user.token}{"\\n"}'`,
    ],
  };
}

/**
 * Where a direct curl gets its credential: [] sends none (the context has none); null means no
 * direct recipe (client certificates and basic auth go through the proxy, and kubectl cannot print
 * a token that comes from a token file, an exec plugin or an OIDC provider).
 */
function headerSources(input: RecipeInput): HeaderSource[] | null {
  if (input.authKind === 'none') return [];
  if (!BEARER_KINDS.includes(input.authKind)) return null;
  const sources: HeaderSource[] = [];
  if (input.origin !== 'kubeconfig') sources.push(keychainSource(input));
  if (input.origin !== 'imported' && input.authKind === 'token') sources.push(kubeconfigSource(input));
  if (input.origin === 'unknown') {
    for (const s of sources) s.title += s.id === 'curl-keychain' ? ' (imported contexts)' : ' (kubeconfig contexts)';
  }
  return sources.length > 0 ? sources : null;
}

function warningOf(input: RecipeInput): { warning?: string } {
  const warning = tlsWarning(input.tls);
  return warning ? { warning } : {};
}

function tlsLines(input: RecipeInput): string[] {
  switch (input.tls.kind) {
    case 'ca-file':
      return ["# --cacert: this cluster's CA from the kubeconfig, so curl verifies the apiserver as kubectl does."];
    case 'system':
      return ["# The kubeconfig names no CA: curl verifies the apiserver against the system's CAs, as kubectl does."];
    case 'plain-http':
      return ['# The server is plain http://: nothing is encrypted or verified.'];
    case 'insecure': {
      const lines = [
        '# TLS verification is off for this context (insecure-skip-tls-verify), so there is no CA to give curl;',
        "# --insecure would let anyone on the network path read and change the traffic. Get the cluster's CA",
        '# certificate from its administrator, save it as ca.crt, and fix the context:',
      ];
      if (input.origin !== 'kubeconfig') lines.push('# imported into KubeDesk: import it again from a kubeconfig that has the CA;');
      if (input.origin === 'unknown') lines.push('# from a kubeconfig file:');
      if (input.origin !== 'imported')
        lines.push(
          `kubectl config set-cluster ${shQuote(input.cluster)} --certificate-authority=ca.crt --embed-certs=true --insecure-skip-tls-verify=false`,
        );
      return lines;
    }
  }
}

function directRecipe(input: RecipeInput, source: HeaderSource | undefined): AccessRecipe {
  const target = curlTarget(input, '/api');
  const curl = ['curl', ...target.options, ...(source ? ['-H @-'] : []), target.url].join(' ');
  const command = [...(source?.commands ?? []), curl].join(' \\\n  | ');
  const comment = source?.comment ?? ['# This context sends no credentials: the apiserver sees an anonymous request.'];
  const text = [...comment, ...tlsLines(input), command, '# Answers {"kind": "APIVersions", "versions": ["v1"], …}'].join('\n');
  return {
    id: source?.id ?? 'curl',
    title: source?.title ?? 'curl without credentials',
    language: 'shell',
    text: `${text}\n`,
    ...warningOf(input),
  };
}

export function directCurlRecipes(input: RecipeInput): AccessRecipe[] {
  const sources = headerSources(input);
  if (sources === null) return [];
  return sources.length === 0 ? [directRecipe(input, undefined)] : sources.map((s) => directRecipe(input, s));
}

const TOKEN_FROM: Partial<Record<RecipeInput['authKind'], string>> = {
  'token-file': 'a token file',
  exec: 'an exec plugin',
  oidc: 'an OIDC provider',
};

function proxyNote(input: RecipeInput): string[] {
  if (input.authKind === 'client-cert') return ['# The client key stays with KubeDesk: the proxy presents the certificate.'];
  if (input.authKind === 'basic') return ['# The password stays where it is (keychain or kubeconfig): the proxy adds it.'];
  const from = TOKEN_FROM[input.authKind];
  if (from && input.origin === 'kubeconfig')
    return [`# kubectl cannot print this context's token (it comes from ${from}): this is the way to curl it.`];
  return [];
}

/** `kubectl proxy --port=8080 &` then `curl http://localhost:8080/api/`, as the guide shows it. */
export function proxyCurlRecipe(input: RecipeInput): AccessRecipe {
  const text = [
    "# Like `kubectl proxy`: KubeDesk verifies the apiserver and adds this context's credentials, so curl",
    '# needs neither.',
    ...proxyNote(input),
    '# Started from the command line on 127.0.0.1 it asks for no token, as kubectl proxy does, so anyone on',
    '# this machine can use it while it runs. With --token it asks for the token it prints (`Token: T`):',
    '# curl -H "X-KubeDesk-Token: T" …; proxies started in the KubeDesk app always ask for one.',
    `${input.kubedesk} proxy --context ${shQuote(input.context)} --port 8001 &`,
    '# Once it prints "Starting to serve on 127.0.0.1:8001":',
    'curl http://localhost:8001/api/',
  ].join('\n');
  return {
    id: 'curl-proxy',
    title: 'curl through kubedesk proxy',
    language: 'shell',
    text: `${text}\n`,
    ...warningOf(input),
  };
}
