// JSON requests and watches against the apiserver through a ClusterConnection. Every core module
// that reads cluster objects uses these two functions; Status errors become KubeDeskErrors.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ErrorCode } from '../../shared/ipc-contract.ts';
import { describe, KubeDeskError } from '../errors.ts';
import type { AuthHeaders, ClusterConnection } from './cluster-connection.ts';

export interface KubeRequest {
  method?: string;
  /** Path under the server URL, e.g. `/api/v1/namespaces/shop/pods`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** Default 30 s; watches have none. */
  timeoutMs?: number;
}

export interface KubeStatus {
  kind: 'Status';
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'invalid-input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  422: 'invalid-input',
};

export function urlFor(conn: ClusterConnection, path: string, query?: KubeRequest['query']): URL {
  const base = conn.server.pathname.replace(/\/+$/, '');
  const url = new URL(conn.server.href);
  url.pathname = base + path;
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.append(k, String(v));
  return url;
}

function send(conn: ClusterConnection, req: KubeRequest, headers: AuthHeaders): Promise<IncomingMessage> {
  const url = urlFor(conn, req.path, req.query);
  const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
  const doRequest = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = doRequest(url, {
      method: req.method ?? 'GET',
      agent: conn.agent,
      headers: {
        Accept: 'application/json',
        ...(body ? { 'Content-Type': 'application/json', 'Content-Length': String(body.length) } : {}),
        ...headers,
      },
      signal: req.signal,
      timeout: req.timeoutMs,
    });
    r.on('response', resolve);
    r.on('timeout', () => r.destroy(new KubeDeskError('timeout', `${conn.server.host}: no answer within ${req.timeoutMs} ms`)));
    r.on('error', (err) => {
      if (err instanceof KubeDeskError) return reject(err);
      if (req.signal?.aborted) return reject(new KubeDeskError('cancelled', 'cancelled', { cause: err }));
      reject(new KubeDeskError('unreachable', `${conn.server.host}: ${describe(err)}`, { cause: err }));
    });
    r.end(body);
  });
}

async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function statusError(res: IncomingMessage, text: string): KubeDeskError {
  let message = text.trim() || `HTTP ${res.statusCode}`;
  try {
    const s = JSON.parse(text) as KubeStatus;
    if (s.kind === 'Status' && s.message) message = s.message;
  } catch {}
  const code = CODE_BY_STATUS[res.statusCode ?? 0] ?? (res.statusCode && res.statusCode >= 500 ? 'unreachable' : 'internal');
  return new KubeDeskError(code, message);
}

/** Sends a request with the connection's credentials; on 401 refreshes them once and retries. */
async function authenticated(conn: ClusterConnection, req: KubeRequest): Promise<IncomingMessage> {
  let res = await send(conn, req, await conn.authHeaders(req.signal));
  if (res.statusCode === 401) {
    res.resume();
    conn.invalidate();
    res = await send(conn, req, await conn.authHeaders(req.signal));
  }
  return res;
}

export async function kubeJson<T>(conn: ClusterConnection, req: KubeRequest): Promise<T> {
  const res = await authenticated(conn, { timeoutMs: 30_000, ...req });
  const text = await readBody(res);
  if ((res.statusCode ?? 0) >= 400) throw statusError(res, text);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new KubeDeskError('internal', `${req.path}: the apiserver answered with invalid JSON`);
  }
}

export interface WatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

/**
 * Streams `?watch=1` events until the signal aborts, the server ends the stream, or `onEvent`
 * returns `'stop'` (the stream is then closed quietly); resolves then. Throws for an error status
 * before the stream starts.
 */
export async function kubeWatch<T>(
  conn: ClusterConnection,
  req: KubeRequest,
  onEvent: (ev: WatchEvent<T>) => void | 'stop',
): Promise<void> {
  const res = await authenticated(conn, { ...req, query: { ...req.query, watch: 1 } });
  if ((res.statusCode ?? 0) >= 400) throw statusError(res, await readBody(res));
  let buffered = '';
  try {
    for await (const chunk of res) {
      buffered += (chunk as Buffer).toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        // Leaving the loop ends the iteration, which closes the response without an error.
        if (line && onEvent(JSON.parse(line) as WatchEvent<T>) === 'stop') return;
      }
    }
  } catch (err) {
    if (req.signal?.aborted) return;
    throw new KubeDeskError('unreachable', `watch ${req.path}: ${describe(err)}`, { cause: err });
  }
}
