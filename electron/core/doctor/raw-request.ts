// One request to the apiserver whose status line and headers the doctor reads itself (kube-request.ts
// turns statuses into errors and hides the Date header). The connection's credentials ride along;
// the body is read only up to a small cap.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { urlFor } from '../cluster/kube-request.ts';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** At most `maxBytes` of the body. */
  body: string;
  /** Local epoch ms halfway between sending and the answer's headers (for clock skew). */
  at: number;
}

export function rawRequest(
  conn: ClusterConnection,
  req: { method?: string; path: string; authenticate: boolean; maxBytes?: number; bodyWaitMs?: number },
  signal: AbortSignal,
  now: () => number = Date.now,
): Promise<RawAnswer> {
  const url = urlFor(conn, req.path);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const maxBytes = req.maxBytes ?? 64 * 1024;
  return (req.authenticate ? conn.authHeaders(signal) : Promise.resolve({})).then(
    (auth) =>
      new Promise<RawAnswer>((resolve, reject) => {
        const sent = now();
        const r = send(url, { method: req.method ?? 'GET', agent: conn.agent, headers: { Accept: 'application/json', ...auth }, signal });
        r.on('error', reject);
        r.on('response', (res) => {
          const at = (sent + now()) / 2;
          const chunks: Buffer[] = [];
          let size = 0;
          let finished = false;
          const done = (): void => {
            if (finished) return;
            finished = true;
            clearTimeout(timer);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), at });
          };
          // A streaming backend (logs, events) never ends its body: keep what came within the wait.
          const timer =
            req.bodyWaitMs === undefined
              ? undefined
              : setTimeout(() => {
                  res.destroy();
                  done();
                }, req.bodyWaitMs);
          res.on('data', (c: Buffer) => {
            if (size < maxBytes) chunks.push(c.subarray(0, maxBytes - size));
            size += c.length;
            if (size >= maxBytes) {
              res.destroy();
              done();
            }
          });
          res.on('end', done);
          res.on('error', (err) => (finished ? undefined : reject(err)));
        });
        r.end();
      }),
  );
}

/** The `message` of a Status body, else the first line of the text. */
export function statusMessage(body: string): string {
  try {
    const s = JSON.parse(body) as { kind?: string; message?: string };
    if (s.kind === 'Status' && s.message) return s.message;
  } catch {}
  return body.trim().split('\n')[0]?.slice(0, 200) ?? '';
}
