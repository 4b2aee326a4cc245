// The demo cluster's PKI, generated fresh at every start: a CA, the apiserver's serving
// certificate (SANs 127.0.0.1, ::1, localhost and the in-cluster names) and a client
// certificate for the `demo-cert` user (CN = username, O = group, as kube-apiserver reads
// them). A fault can make the serving certificate expired, not yet valid or issued for other
// names, for the connection doctor's tests (docs/doctor.md, Demo faults). ECDSA P-256 keeps start-up fast; Go's crypto/tls and Node accept PKCS#8 EC keys.
// @peculiar/x509 2.x resolves its ASN.1 codecs through tsyringe, which needs the Reflect
// metadata polyfill loaded first (it only adds Reflect.getMetadata & co).
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

export interface DemoPki {
  caPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  clientCertPem: string;
  clientKeyPem: string;
  /** Signs extra serving certificates (the dashboard backend's HTTPS). */
  issue(opts: { commonName: string; dns?: string[]; ips?: string[] }): Promise<{ certPem: string; keyPem: string }>;
}

/** A broken apiserver serving certificate (off by default). */
export type ServerCertFault = 'expired' | 'not-yet-valid' | 'wrong-name';

const DAY_MS = 24 * 60 * 60 * 1000;

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
/** Node's WebCrypto, typed as @peculiar/x509 declares it, so its keys fit x509's parameters. */
type X509Crypto = NonNullable<Parameters<typeof x509.SubjectKeyIdentifierExtension.create>[2]>;
const crypto = webcrypto as unknown as X509Crypto;

function keyPair() {
  return crypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
}

async function privateKeyPem(key: Awaited<ReturnType<typeof keyPair>>['privateKey']): Promise<string> {
  const der = await crypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

function validity(fault?: ServerCertFault): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  if (fault === 'expired') return { notBefore: new Date(now - 30 * DAY_MS), notAfter: new Date(now - DAY_MS) };
  if (fault === 'not-yet-valid') return { notBefore: new Date(now + DAY_MS), notAfter: new Date(now + 30 * DAY_MS) };
  // Back-dated a little so a client whose clock lags still accepts it.
  return { notBefore: new Date(now - 60 * 60 * 1000), notAfter: new Date(now + 365 * DAY_MS) };
}

function serial(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16)))
    .toString('hex')
    .replace(/^[89a-f]/, '1');
}

export async function createDemoPki(opts: { serverCert?: ServerCertFault | undefined } = {}): Promise<DemoPki> {
  const caKeys = await keyPair();
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial(),
      name: 'CN=kubedesk-demo-ca',
      ...validity(),
      keys: caKeys,
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );

  const leaf = async (
    subject: string,
    usage: 'server' | 'client',
    names: { dns?: string[]; ips?: string[] } = {},
    fault?: ServerCertFault,
  ): Promise<{ certPem: string; keyPem: string }> => {
    const keys = await keyPair();
    const san = [
      ...(names.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
      ...(names.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
    ];
    const cert = await x509.X509CertificateGenerator.create(
      {
        serialNumber: serial(),
        subject,
        issuer: ca.subject,
        ...validity(fault),
        publicKey: keys.publicKey,
        signingKey: caKeys.privateKey,
        signingAlgorithm: ALG,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
          new x509.ExtendedKeyUsageExtension(
            [usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth],
            false,
          ),
          await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
          ...(san.length > 0 ? [new x509.SubjectAlternativeNameExtension(san, false)] : []),
        ],
      },
      crypto,
    );
    return { certPem: cert.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
  };

  const [server, client] = await Promise.all([
    leaf(
      'CN=kube-apiserver',
      'server',
      opts.serverCert === 'wrong-name'
        ? { dns: ['apiserver.kubedesk-demo.invalid'], ips: ['10.96.0.1'] }
        : {
            dns: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
            ips: ['127.0.0.1', '::1', '10.96.0.1', '10.0.0.10', '10.0.0.11'],
          },
      opts.serverCert === 'wrong-name' ? undefined : opts.serverCert,
    ),
    leaf('CN=demo-cert-user, O=system:masters', 'client'),
  ]);

  return {
    caPem: ca.toString('pem'),
    serverCertPem: server.certPem,
    serverKeyPem: server.keyPem,
    clientCertPem: client.certPem,
    clientKeyPem: client.keyPem,
    issue: (opts) => leaf(`CN=${opts.commonName}`, 'server', opts),
  };
}
