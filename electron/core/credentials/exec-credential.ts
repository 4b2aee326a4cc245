// The answer of `kubedesk credential`: an ExecCredential as client-go's exec plugin loader reads
// it (client-go/pkg/apis/clientauthentication/v1/types.go, ExecCredentialStatus): a bearer token,
// or PEM client certificate and key, and optionally when it expires. Built from keychain values
// only, in memory, and written once to stdout.
import { KubeDeskError } from '../errors.ts';
import { EXEC_CREDENTIAL_API_VERSION } from '../kubeconfig/kubedesk-exec.ts';

export interface ExecCredentialStatus {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  /** RFC 3339; kubectl reuses the credential until then. */
  expirationTimestamp?: string;
}

/** The secret-bearing kubeconfig fields an exec credential can carry. */
export interface ServableSecrets {
  token?: string | undefined;
  /** base64 of PEM, as in the kubeconfig's -data fields. */
  'client-certificate-data'?: string | undefined;
  'client-key-data'?: string | undefined;
}

const pem = (base64: string): string => Buffer.from(base64.replace(/\s+/g, ''), 'base64').toString('utf8');

/** A token and/or a client certificate with its key; undefined when there is neither. */
export function statusFromSecrets(s: ServableSecrets): ExecCredentialStatus | undefined {
  const status: ExecCredentialStatus = {};
  if (s.token) status.token = s.token;
  if (s['client-certificate-data'] && s['client-key-data']) {
    status.clientCertificateData = pem(s['client-certificate-data']);
    status.clientKeyData = pem(s['client-key-data']);
  }
  return status.token || status.clientKeyData ? status : undefined;
}

/** `exp` of a JWT as RFC 3339, so kubectl knows when to ask again; undefined for other tokens. */
export function jwtExpirationTimestamp(token: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? new Date(claims.exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The apiVersion to answer with: the one kubectl announced in KUBERNETES_EXEC_INFO (the exec
 * entry's own, client-go/plugin/pkg/client/auth/exec/exec.go), v1 or v1beta1; v1 otherwise.
 */
export function execInfoApiVersion(execInfo: string | undefined): string {
  try {
    const v = (JSON.parse(execInfo ?? '') as { apiVersion?: unknown }).apiVersion;
    if (v === EXEC_CREDENTIAL_API_VERSION || v === 'client.authentication.k8s.io/v1beta1') return v;
  } catch {}
  return EXEC_CREDENTIAL_API_VERSION;
}

/** The one line printed on stdout. */
export function execCredentialJson(status: ExecCredentialStatus, apiVersion: string = EXEC_CREDENTIAL_API_VERSION): string {
  if (!status.token && !(status.clientCertificateData && status.clientKeyData)) {
    throw new KubeDeskError('internal', 'an ExecCredential needs a token or a client certificate and key');
  }
  return JSON.stringify({ apiVersion, kind: 'ExecCredential', status });
}
