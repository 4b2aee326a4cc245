import { describe, expect, it } from 'vitest';
import { KubeDeskError } from '../../../../electron/core/errors.ts';
import { failureReason, WaitingForPod } from '../../../../electron/core/forward/failure-reason.ts';
import { TunnelError } from '../../../../electron/core/forward/tunnel-open.ts';

const errno = (code: string, message = code): Error => Object.assign(new Error(message), { code });
/** As kube-request.ts wraps a socket error of a request to the apiserver. */
const request = (cause: Error): KubeDeskError => new KubeDeskError('unreachable', `127.0.0.1:6443: ${cause.message}`, { cause });
/** As tunnel-open.ts wraps a socket error of the port-forward upgrade. */
const tunnel = (cause: Error): TunnelError => new TunnelError('unreachable', `127.0.0.1:6443: ${cause.message}`, undefined, { cause });

describe('failureReason: why an attempt to reach the pod failed, and whether retrying can help', () => {
  it('names TLS failures by what Go would call them; they are not retried for ever', () => {
    for (const code of ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT']) {
      expect(failureReason(request(errno(code)))).toEqual({ kind: 'permanent', reason: 'TLS: certificate signed by unknown authority' });
      expect(failureReason(tunnel(errno(code)))).toEqual({ kind: 'permanent', reason: 'TLS: certificate signed by unknown authority' });
    }
    expect(failureReason(request(errno('CERT_HAS_EXPIRED')))).toEqual({
      kind: 'permanent',
      reason: 'TLS: certificate has expired or is not yet valid',
    });
    expect(failureReason(tunnel(errno('ERR_TLS_CERT_ALTNAME_INVALID')))).toEqual({
      kind: 'permanent',
      reason: "TLS: certificate name does not match the server's",
    });
  });

  it('401 is credentials refused and 403 not allowed, from a request or the upgrade', () => {
    expect(failureReason(new KubeDeskError('unauthorized', 'Unauthorized'))).toEqual({
      kind: 'permanent',
      reason: 'credentials refused (401)',
    });
    expect(failureReason(new TunnelError('denied', 'Unauthorized', 401))).toEqual({
      kind: 'permanent',
      reason: 'credentials refused (401)',
    });
    expect(failureReason(new KubeDeskError('forbidden', 'pods is forbidden'))).toEqual({ kind: 'permanent', reason: 'not allowed (403)' });
    expect(failureReason(new TunnelError('denied', 'pods "web" is forbidden', 403))).toEqual({
      kind: 'permanent',
      reason: 'not allowed (403): needs create on pods/portforward',
    });
  });

  it('refused connections, timeouts, resets and 5xx are transient', () => {
    expect(failureReason(request(errno('ECONNREFUSED')))).toEqual({ kind: 'transient', reason: 'connection refused' });
    expect(failureReason(tunnel(errno('ETIMEDOUT')))).toEqual({ kind: 'transient', reason: 'timed out' });
    expect(failureReason(new KubeDeskError('timeout', '127.0.0.1:6443: no answer within 30000 ms'))).toEqual({
      kind: 'transient',
      reason: 'timed out',
    });
    expect(failureReason(request(errno('ECONNRESET')))).toEqual({ kind: 'transient', reason: 'connection reset' });
    expect(failureReason(new TunnelError('unreachable', 'Service Unavailable', 503))).toEqual({
      kind: 'transient',
      reason: 'apiserver error (503)',
    });
  });

  it("a pod that is missing or not Running is waited for; a refusing port gives the kubelet's text whole", () => {
    expect(failureReason(new WaitingForPod('waiting for pod web-1 to be Running', 'web-1'))).toEqual({
      kind: 'waiting',
      reason: 'waiting for pod web-1 to be Running',
    });
    expect(failureReason(new TunnelError('pod-gone', 'pods "web-1" not found', 404))).toEqual({
      kind: 'waiting',
      reason: 'pods "web-1" not found',
    });
    const text = `error forwarding port 9999 to pod ${'a'.repeat(64)}, uid : failed to connect to localhost:9999 inside namespace "${'a'.repeat(64)}", IPv4: dial tcp4 127.0.0.1:9999: connect: connection refused`;
    expect(failureReason(new TunnelError('port', text))).toEqual({ kind: 'transient', reason: text });
  });
});
