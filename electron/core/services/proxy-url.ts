// Apiserver service-proxy URLs (docs/service-proxy.md, Forms): `<server>/api/v1/namespaces/NS/services/ID/proxy/PATH`,
// ID being `NAME`, `NAME:PORT` or `SCHEME:NAME:PORT` as the apiserver splits it
// (apimachinery/pkg/util/net/port_split.go, SplitSchemeNamePort). Pure: no I/O, no cluster.
import { KubeDeskError } from '../errors.ts';

export interface ServiceRef {
  /** '' (http, the apiserver's default), 'http' or 'https'. */
  scheme: '' | 'http' | 'https';
  name: string;
  /** A port name or number; '' for the service's unnamed port. */
  port: string;
}

export interface ServiceProxyTarget {
  namespace: string;
  service: ServiceRef;
  /** The backend path, optionally with `?query`: `_search?q=user:kimchy`. */
  path?: string | undefined;
}

// Service names are DNS-1035 labels, namespaces DNS-1123 labels, port names IANA service names
// (apimachinery/pkg/util/validation/validation.go).
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function invalid(arg: string, why: string): KubeDeskError {
  return new KubeDeskError('invalid-input', `invalid service "${arg}": ${why}`);
}

function checkPort(arg: string, port: string): void {
  if (port === '') return;
  if (/^\d+$/.test(port)) {
    const n = Number(port);
    if (n < 1 || n > 65535) throw invalid(arg, `port ${port} is not between 1 and 65535`);
    return;
  }
  if (port.length > 15 || !PORT_NAME.test(port) || !/[a-z]/.test(port))
    throw invalid(arg, `port "${port}" is neither a number nor a port name`);
}

/**
 * `[https:]SERVICE[:PORT]` → its parts. `https:NAME` (and `http:NAME`) mean the unnamed port of NAME over that
 * scheme, i.e. `https:NAME:`; the apiserver itself would read them as service `https`, port `NAME`.
 */
export function parseServiceRef(arg: string): ServiceRef {
  const parts = arg.split(':');
  let scheme: string;
  let name: string;
  let port: string;
  if (parts.length === 1) [scheme, name, port] = ['', parts[0]!, ''];
  else if (parts.length === 2 && (parts[0] === 'https' || parts[0] === 'http')) [scheme, name, port] = [parts[0], parts[1]!, ''];
  else if (parts.length === 2) [scheme, name, port] = ['', parts[0]!, parts[1]!];
  else if (parts.length === 3) [scheme, name, port] = [parts[0]!, parts[1]!, parts[2]!];
  else throw invalid(arg, 'expected [https:]NAME[:PORT]');
  if (scheme !== '' && scheme !== 'http' && scheme !== 'https') throw invalid(arg, `scheme "${scheme}" is not http or https`);
  if (name === '') throw invalid(arg, 'empty name');
  if (name.length > 63 || !DNS_LABEL.test(name)) throw invalid(arg, `"${name}" is not a valid service name`);
  if (parts.length === 2 && scheme === '' && port === '') throw invalid(arg, 'empty port after ":"');
  checkPort(arg, port);
  return { scheme, name, port };
}

/** The id the apiserver splits: `NAME`, `NAME:PORT`, or `SCHEME:NAME:PORT` (unnamed port: `https:NAME:`). */
export function serviceId(ref: ServiceRef): string {
  if (ref.scheme) return `${ref.scheme}:${ref.name}:${ref.port}`;
  return ref.port ? `${ref.name}:${ref.port}` : ref.name;
}

// RFC 3986 pchar (unreserved, sub-delims, ':' and '@'); query adds '/' and '?'. A valid %XX is kept as given.
const PCHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;
const QCHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;

function encodeWith(text: string, allowed: RegExp): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) out += c;
    else if (allowed.test(c)) out += c;
    else {
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      i += ch.length - 1;
      out += [...Buffer.from(ch, 'utf8')].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('');
    }
  }
  return out;
}

/** The backend PATH after `proxy/`: segments encoded, `/` kept, `.`/`..` refused (they would climb out of the proxy). */
function encodeBackendPath(path: string): string {
  const q = path.indexOf('?');
  const rawPath = (q < 0 ? path : path.slice(0, q)).replace(/^\/+/, '');
  const query = q < 0 ? undefined : path.slice(q + 1);
  const segments = rawPath.split('/').map((s) => {
    if (s === '.' || s === '..' || /^(%2e|\.){1,2}$/i.test(s))
      throw new KubeDeskError('invalid-input', `invalid path "${path}": "." and ".." segments are not allowed`);
    return encodeWith(s, PCHAR);
  });
  return segments.join('/') + (query === undefined ? '' : '?' + encodeWith(query, QCHAR));
}

/** `/api/v1/namespaces/NS/services/ID/proxy/PATH`, always with the slash after `proxy`. */
export function serviceProxyPath(target: ServiceProxyTarget): string {
  if (!DNS_LABEL.test(target.namespace) || target.namespace.length > 63)
    throw new KubeDeskError('invalid-input', `invalid namespace "${target.namespace}"`);
  const id = serviceId(target.service);
  return `/api/v1/namespaces/${target.namespace}/services/${id}/proxy/${encodeBackendPath(target.path ?? '')}`;
}

function joinBase(base: string, what: string, path: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new KubeDeskError('invalid-input', `invalid ${what} "${base}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new KubeDeskError('invalid-input', `invalid ${what} "${base}": scheme must be http or https`);
  // The server keeps its own path (e.g. Rancher's /k8s/clusters/ID); query and fragment do not belong to it.
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${path}`;
}

/** The URL on the apiserver itself (needs the cluster's credentials to open). */
export function serviceProxyUrl(server: string, target: ServiceProxyTarget): string {
  return joinBase(server, 'server', serviceProxyPath(target));
}

/** The same target through a local `kubedesk proxy` (which adds the credentials), e.g. base `http://127.0.0.1:8001`. */
export function localProxyUrl(base: string, target: ServiceProxyTarget): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(base) ? base : `http://${base}`;
  return joinBase(withScheme, 'local proxy address', serviceProxyPath(target));
}
