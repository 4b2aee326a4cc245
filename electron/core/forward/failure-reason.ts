// Why one attempt to reach a forward's pod failed, in a few words a user can act on, and whether
// trying again can help. TLS verification and refused credentials do not heal by retrying: the
// session gives up on them after a few tries (docs/port-forward.md, "When a forward fails");
// refused connections, timeouts, 5xx answers and pods coming and going are retried forever.
import { KubeDeskError } from '../errors.ts';
import { errorText } from './error-text.ts';
import { TunnelError } from './tunnel-open.ts';

type FailureKind =
  /** Retry: the apiserver or the network may come back. */
  | 'transient'
  /** The pod is missing or not Running yet: the forward waits for it. */
  | 'waiting'
  /** TLS or credentials: retrying the same way cannot succeed. */
  | 'permanent';

interface FailureReason {
  kind: FailureKind;
  /** `TLS: certificate signed by unknown authority`, `credentials refused (401)`, … */
  reason: string;
}

/** A pod/NAME not Running (yet), or no pod of a service/deployment Running: the forward waits. */
export class WaitingForPod extends KubeDeskError {
  /** The pod a `pod/NAME` forward waits for; undefined for services and deployments. */
  readonly pod: string | undefined;
  constructor(message: string, pod?: string, options?: { cause?: unknown }) {
    super('not-found', message, options);
    this.name = 'WaitingForPod';
    this.pod = pod;
  }
}

// Node's (OpenSSL's) verification codes, by what Go's crypto/x509 would call them.
const UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const NAME_MISMATCH = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
const TIMEOUTS = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** The first errno-like `code` along the error's cause chain. */
function errnoCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof KubeDeskError || e instanceof TunnelError) continue;
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function short(text: string): string {
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

export function failureReason(err: unknown): FailureReason {
  if (err instanceof WaitingForPod) return { kind: 'waiting', reason: err.message };
  const code = errnoCode(err);
  if (code && UNKNOWN_AUTHORITY.has(code)) return { kind: 'permanent', reason: 'TLS: certificate signed by unknown authority' };
  if (code && EXPIRED.has(code)) return { kind: 'permanent', reason: 'TLS: certificate has expired or is not yet valid' };
  if (code && NAME_MISMATCH.has(code)) return { kind: 'permanent', reason: "TLS: certificate name does not match the server's" };
  if (err instanceof TunnelError) {
    if (err.status === 401) return { kind: 'permanent', reason: 'credentials refused (401)' };
    if (err.status === 403) return { kind: 'permanent', reason: 'not allowed (403): needs create on pods/portforward' };
    if (err.kind === 'pod-gone') return { kind: 'waiting', reason: short(err.message) };
    // The kubelet's own text (`error forwarding port P to pod …: …`), whole: it names the cause.
    if (err.kind === 'port') return { kind: 'transient', reason: err.message };
    if (err.status !== undefined && err.status >= 500) return { kind: 'transient', reason: `apiserver error (${err.status})` };
  }
  if (err instanceof KubeDeskError) {
    if (err.code === 'unauthorized') return { kind: 'permanent', reason: 'credentials refused (401)' };
    if (err.code === 'forbidden') return { kind: 'permanent', reason: 'not allowed (403)' };
    if (err.code === 'timeout') return { kind: 'transient', reason: 'timed out' };
  }
  if (code === 'ECONNREFUSED') return { kind: 'transient', reason: 'connection refused' };
  if (code && TIMEOUTS.has(code)) return { kind: 'transient', reason: 'timed out' };
  if (code === 'ECONNRESET' || code === 'EPIPE') return { kind: 'transient', reason: 'connection reset' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'transient', reason: 'apiserver host not found' };
  return { kind: 'transient', reason: short(errorText(err)) };
}
