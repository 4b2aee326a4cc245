// How core talks to one cluster: where the apiserver is, how to verify it, how to authenticate.
// The proxy, port-forwards, discovery and whoami all go through a ClusterConnection; none of
// them reads kubeconfig fields or secrets themselves.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent, type RequestOptions as HttpsRequestOptions } from 'node:https';
import type { AuthKind } from '../../shared/ipc-contract.ts';
import { ProxiedHttpAgent, ProxiedHttpsAgent } from './proxy-agent.ts';

export interface ClusterTls {
  ca?: Buffer | undefined;
  cert?: Buffer | undefined;
  key?: Buffer | undefined;
  /** `tls-server-name`: SNI and the name verified. */
  servername?: string | undefined;
  /** False only with `insecure-skip-tls-verify` (shown as a warning everywhere). */
  rejectUnauthorized: boolean;
}

/**
 * Request headers that authenticate. A list is sent as one header line per value, as client-go
 * sends `Impersonate-Group` and `Impersonate-Extra-*` (client-go/transport/round_trippers.go):
 * the apiserver reads each line as one group, so `a,b` in one line would be a group named `a,b`.
 */
export type AuthHeaders = Record<string, string | string[]> & { Authorization?: string };

export interface ClusterConnection {
  readonly context: string;
  readonly cluster: string;
  readonly user: string;
  /** The kubeconfig `server` URL, path kept (docs/proxy.md, Flags: --append-server-path). */
  readonly server: URL;
  readonly namespace: string;
  readonly authKind: AuthKind;
  readonly tls: ClusterTls;
  /**
   * One keep-alive agent per cluster, carrying the TLS settings, client cert and proxy
   * (`proxy-url` or HTTPS_PROXY). Read it after `authHeaders()`: an exec plugin that returns a
   * client certificate replaces it.
   */
  readonly agent: HttpsAgent | HttpAgent;
  /**
   * Headers that authenticate a request: `Authorization` (bearer/basic/exec/OIDC) and the
   * `Impersonate-*` headers. The caller adds `Authorization` only if the client sent none
   * (docs/proxy.md, step 5). May run an exec plugin or refresh an OIDC token.
   */
  authHeaders(signal?: AbortSignal): Promise<AuthHeaders>;
  /** After a 401: drop cached exec/OIDC credentials so the next authHeaders() refreshes. */
  invalidate(): void;
  /** Closes the agent's sockets. */
  dispose(): void;
}

/** TLS options that Node's pool name holds besides the CA, certificate, key, verification and SNI. */
const OTHER_TLS_OPTIONS = [
  'clientCertEngine',
  'ciphers',
  'pfx',
  'minVersion',
  'maxVersion',
  'secureProtocol',
  'crl',
  'honorCipherOrder',
  'ecdhCurve',
  'dhparam',
  'secureOptions',
  'sessionIdContext',
  'sigalgs',
  'privateKeyIdentifier',
  'privateKeyEngine',
] as const;

/**
 * Node names a socket pool by every TLS option, the CA, certificate and key PEMs in full
 * (`lib/https.js` Agent.prototype.getName), and looks that name up several times per request:
 * kilobytes hashed on the proxy's hot path (docs/proxy.md, Performance). With this agent's own
 * PEMs (which `addRequest` always spreads over a request's options) and no other TLS option, the
 * name is short; anything else keeps Node's naming, so no socket is shared across TLS settings.
 */
class ClusterHttpsAgent extends HttpsAgent {
  override getName(options: HttpsRequestOptions = {}): string {
    const own = this.options;
    const plain =
      options.ca === own.ca &&
      options.cert === own.cert &&
      options.key === own.key &&
      OTHER_TLS_OPTIONS.every((k) => options[k] === undefined) &&
      Object.getOwnPropertySymbols(options).length === 0;
    if (!plain) return super.getName(options);
    const sni = options.servername && options.servername !== options.host ? options.servername : '';
    // `|` never appears in Node's names (`:`-separated, hosts have no `|`): no collision with them.
    return `${HttpAgent.prototype.getName.call(this, options)}|own-tls|${String(options.rejectUnauthorized)}|${sni}`;
  }
}

/** `proxy`: tunnel every socket through it (proxy-agent.ts). */
export function createAgent(server: URL, tls: ClusterTls, proxy?: URL): HttpsAgent | HttpAgent {
  if (server.protocol === 'http:') return proxy ? new ProxiedHttpAgent(proxy) : new HttpAgent({ keepAlive: true, maxSockets: 256 });
  const opts = {
    keepAlive: true,
    maxSockets: 256,
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    servername: tls.servername,
    rejectUnauthorized: tls.rejectUnauthorized,
  };
  return proxy ? new ProxiedHttpsAgent(opts, proxy) : new ClusterHttpsAgent(opts);
}
