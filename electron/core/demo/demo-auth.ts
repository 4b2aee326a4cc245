// Authentication like kube-apiserver's: a bearer token, HTTP basic (the old static password
// file), or a client certificate signed by the demo CA (CN = user, O = groups). Anything else
// is anonymous, which the demo answers with 401 except on the health endpoints (1.32's
// AnonymousAuthConfigurableEndpoints default). Secrets are compared in constant time.
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { DEMO_USERS } from './demo-names.ts';

export interface UserInfo {
  username: string;
  uid: string;
  groups: string[];
  extra: Record<string, string[]>;
  via: 'token' | 'basic' | 'cert';
  /** Access the demo's authorizer refuses this user (a fault for tests; empty by default). */
  denied: readonly DeniedAccess[];
}

/** One verb on one resource (and subresource) that SelfSubjectAccessReview answers with allowed:false. */
export interface DeniedAccess {
  verb: string;
  resource: string;
  subresource?: string | undefined;
}

export interface DemoSecrets {
  token: string;
  username: string;
  password: string;
  /** The authorizer fault (docs/doctor.md, Demo faults): access denied to every user. */
  deny?: readonly DeniedAccess[] | undefined;
}

function sameSecret(a: string, b: string): boolean {
  // Hash first so lengths match; timingSafeEqual needs equal-length buffers.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function uidFor(name: string): string {
  const h = createHash('sha256').update(`kubedesk-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function authenticate(req: IncomingMessage, secrets: DemoSecrets): UserInfo | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const sp = auth.indexOf(' ');
    const scheme = sp > 0 ? auth.slice(0, sp).toLowerCase() : '';
    const value = sp > 0 ? auth.slice(sp + 1).trim() : '';
    if (scheme === 'bearer') {
      if (!sameSecret(value, secrets.token)) return undefined;
      const u = DEMO_USERS.token;
      return { username: u.username, uid: uidFor(u.username), groups: [...u.groups], extra: {}, via: 'token', denied: secrets.deny ?? [] };
    }
    if (scheme === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return undefined;
      const ok = sameSecret(decoded.slice(0, colon), secrets.username) && sameSecret(decoded.slice(colon + 1), secrets.password);
      if (!ok) return undefined;
      const u = DEMO_USERS.basic;
      return { username: u.username, uid: uidFor(u.username), groups: [...u.groups], extra: {}, via: 'basic', denied: secrets.deny ?? [] };
    }
    return undefined;
  }
  const socket = req.socket as TLSSocket;
  if (typeof socket.getPeerCertificate === 'function' && socket.authorized) {
    const cert = socket.getPeerCertificate();
    if (cert && cert.subject) {
      const cn = cert.subject.CN;
      const o = cert.subject.O;
      const username = Array.isArray(cn) ? cn[0] : cn;
      if (username) {
        const orgs = o === undefined ? [] : Array.isArray(o) ? o : [o];
        return { username, uid: '', groups: [...orgs, 'system:authenticated'], extra: {}, via: 'cert', denied: secrets.deny ?? [] };
      }
    }
  }
  return undefined;
}

/** Paths served to anonymous clients. */
export function isPublicPath(path: string): boolean {
  return (
    path === '/healthz' ||
    path === '/livez' ||
    path === '/readyz' ||
    path.startsWith('/healthz/') ||
    path.startsWith('/livez/') ||
    path.startsWith('/readyz/')
  );
}
