// The TLS hop (docs/doctor.md, tls): one handshake with the connection's own CA, client certificate
// and tls-server-name, verification done here so the answer can say why it fails, in the terms of
// Go's crypto/x509 errors kubectl prints: an unknown authority (naming the issuer it got), a
// certificate expired or not yet valid (with the dates), a name mismatch (listing the SANs).
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import type { UnionContext } from '../kubeconfig/context-union.ts';
import { HopFailure, ok, skipped, type HopOutcome } from './hop-runner.ts';
import { fieldOf } from './kubeconfig-hop.ts';
import { openToServer, serverEndpoint } from './network-hops.ts';

const UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

function dn(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '(none)';
  const parts = Object.entries(name).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`);
  return parts.length ? parts.join(', ') : '(empty)';
}

function iso(date: string): string {
  const t = Date.parse(date);
  return Number.isNaN(t) ? date : new Date(t).toISOString();
}

function sans(cert: PeerCertificate): string {
  return cert.subjectaltname ? cert.subjectaltname.replace(/IP Address:/g, 'IP:') : '(no subjectAltName: only the CN, which Go ignores)';
}

function handshake(conn: ClusterConnection, address: string, servername: string | undefined, signal: AbortSignal): Promise<TLSSocket> {
  return openToServer(conn, address, signal).then(
    (raw) =>
      new Promise<TLSSocket>((resolve, reject) => {
        const tls = conn.tls;
        const socket = tlsConnect({
          socket: raw,
          host: serverEndpoint(conn).host,
          servername,
          ca: tls.ca,
          cert: tls.cert,
          key: tls.key,
          // Verified below, so the failure can be explained rather than only refused.
          rejectUnauthorized: false,
          ALPNProtocols: ['http/1.1'],
        });
        const onAbort = (): void => {
          socket.destroy();
          reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        socket.once('secureConnect', () => {
          signal.removeEventListener('abort', onAbort);
          resolve(socket);
        });
        socket.once('error', (err) => {
          signal.removeEventListener('abort', onAbort);
          socket.destroy();
          reject(new HopFailure(`TLS handshake failed: ${err.message}`, 'Is this port an HTTPS apiserver? Check the server URL.'));
        });
      }),
  );
}

export async function tlsHop(conn: ClusterConnection, ctx: UnionContext, address: string, signal: AbortSignal): Promise<HopOutcome> {
  if (conn.server.protocol !== 'https:') return skipped(`${conn.server.origin} is plain http: nothing is encrypted`);
  const host = serverEndpoint(conn).host;
  const servername = conn.tls.servername ?? (isIP(host) ? undefined : host);
  const name = conn.tls.servername ?? host;
  const socket = await handshake(conn, address, servername, signal);
  let cert: PeerCertificate;
  let verifyError: string | undefined;
  let protocol: string | null;
  try {
    protocol = socket.getProtocol();
    cert = socket.getPeerCertificate(false);
    verifyError = socket.authorizationError ? String(socket.authorizationError) : undefined;
  } finally {
    socket.destroy();
  }
  const caField = ctx.cluster?.value['certificate-authority'] ? 'certificate-authority' : 'certificate-authority-data';
  const summary = `${dn(cert.subject)}, issued by ${dn(cert.issuer)}, valid until ${iso(cert.valid_to)}`;
  if (!conn.tls.rejectUnauthorized) {
    return ok(
      `warning: insecure-skip-tls-verify is set, the certificate is not checked (${summary})`,
      `Anyone on the path can pretend to be this apiserver. Remove ${fieldOf(ctx, 'clusters', 'insecure-skip-tls-verify')} and set ${caField} to the cluster's CA.`,
    );
  }
  const now = Date.now();
  if (verifyError === 'CERT_HAS_EXPIRED' || Date.parse(cert.valid_to) < now) {
    throw new HopFailure(
      `certificate expired on ${iso(cert.valid_to)} (valid from ${iso(cert.valid_from)}; this machine's time is ${new Date(now).toISOString()}; x509: certificate has expired)`,
      "The apiserver's serving certificate must be renewed (kubeadm: `kubeadm certs renew apiserver`); if this machine's clock is wrong, fix the clock.",
    );
  }
  if (verifyError === 'CERT_NOT_YET_VALID' || Date.parse(cert.valid_from) > now) {
    throw new HopFailure(
      `certificate not yet valid: valid from ${iso(cert.valid_from)} (until ${iso(cert.valid_to)}; this machine's time is ${new Date(now).toISOString()})`,
      "This machine's clock is probably behind: sync it (NTP); else the certificate was issued with a wrong start date.",
    );
  }
  if (verifyError && UNKNOWN_AUTHORITY.has(verifyError)) {
    throw new HopFailure(
      `unknown certificate authority: the server's certificate was issued by "${dn(cert.issuer)}", which ${fieldOf(ctx, 'clusters', caField)} does not trust (x509: certificate signed by unknown authority; ${verifyError})`,
      `Put the CA that issued it into ${caField} (ask the cluster's admin, or copy it from a kubeconfig that works). Do not turn on insecure-skip-tls-verify.`,
    );
  }
  const identity =
    verifyError === undefined || verifyError === 'ERR_TLS_CERT_ALTNAME_INVALID' ? checkServerIdentity(name, cert) : undefined;
  if (identity) {
    throw new HopFailure(
      `name mismatch: the certificate is valid for ${sans(cert)}, not ${name} (x509: certificate is valid for other names)`,
      `Use one of those names in the server URL, or set ${fieldOf(ctx, 'clusters', 'tls-server-name')} to one of them.`,
    );
  }
  if (verifyError) throw new HopFailure(`certificate not accepted: ${verifyError}`, `Check ${caField} and the server's certificate chain.`);
  return ok(`${protocol ?? 'TLS'}, ${summary}`);
}
