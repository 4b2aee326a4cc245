// The reflector against a scripted apiserver on a real socket (client-go/tools/cache/reflector.go's
// behaviour, docs/services.md, Discovery): paged list, watch from the list's resourceVersion, resume
// from the last bookmark after a normal end, re-list on 410 and on other ERROR events, and after a
// failed watch a one-item list before watching again from where it was.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../electron/core/kube/kube-objects.ts';
import { reflect } from '../../../../../electron/core/services/discovery/reflector.ts';
import { fakeClusterConnection } from '../../../../fakes/fake-cluster-connection.ts';

const obj = (name: string, rv: string): KubeObject => ({ metadata: { name, namespace: 'ns', resourceVersion: rv } });
const line = (type: string, object: unknown): string => JSON.stringify({ type, object }) + '\n';

type Step = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function apiserver(steps: Step[]): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(`${url.searchParams.has('watch') ? 'WATCH' : 'LIST'} ${url.search}`);
    const step = steps.shift();
    if (!step) return; // held open until the client leaves
    step(req, res, url);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((r) => server.close(() => r()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json =
  (body: unknown, status = 200): Step =>
  (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
const stream =
  (...lines: string[]): Step =>
  (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(lines.join(''));
  };

/** Writes the events and keeps the stream open: the client has to leave by itself. */
const streamOpen =
  (...lines: string[]): Step =>
  (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write(lines.join(''));
  };

describe('reflector', () => {
  it('lists in pages, watches from the list, resumes from a bookmark, and re-lists after 410 and other ERROR events', async () => {
    const api = await apiserver([
      json({ metadata: { resourceVersion: '10', continue: 'page2' }, items: [obj('a', '9'), obj('b', '9')] }),
      json({ metadata: { resourceVersion: '10' }, items: [obj('c', '9')] }),
      stream(line('ADDED', obj('d', '11')), line('BOOKMARK', { metadata: { resourceVersion: '15' } })),
      stream(line('MODIFIED', obj('a', '16')), line('DELETED', obj('b', '17'))),
      stream(line('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 17 (30)' })),
      json({ metadata: { resourceVersion: '40' }, items: [obj('a', '40')] }),
      streamOpen(line('ERROR', { kind: 'Status', code: 500, message: 'etcd hiccup' })),
      json({ metadata: { resourceVersion: '50' }, items: [obj('z', '50')] }),
    ]);
    const conn = fakeClusterConnection(api.url);
    cleanups.push(() => conn.dispose());
    const calls: string[] = [];
    const abort = new AbortController();
    cleanups.push(() => abort.abort());
    const done = reflect(
      { conn, path: '/api/v1/things', transform: (o) => o.metadata.name, pageSize: 2, backoff: () => 10 },
      {
        replace: (items) => calls.push(`replace ${items.join(',')}`),
        upsert: (n) => calls.push(`upsert ${n}`),
        remove: (n) => calls.push(`remove ${n}`),
        failed: (err) => (calls.push(`failed ${(err as Error).message}`), 'retry'),
        recovered: () => calls.push('recovered'),
        relisting: (why) => calls.push(`relist ${why}`),
      },
      abort.signal,
    );
    await expect.poll(() => api.seen.length, { timeout: 5000 }).toBe(9);
    expect(calls).toEqual([
      'replace a,b,c',
      'upsert d',
      'upsert a',
      'remove b',
      'relist 410 Gone: too old resource version: 17 (30)',
      'replace a',
      'relist watch error: etcd hiccup',
      'replace z',
    ]);
    const q = (s: string): string => decodeURIComponent(s);
    expect(api.seen.map(q)).toEqual([
      'LIST ?limit=2',
      'LIST ?limit=2&continue=page2',
      expect.stringMatching(/^WATCH \?resourceVersion=10&allowWatchBookmarks=true&timeoutSeconds=\d+&watch=1$/),
      expect.stringMatching(/^WATCH \?resourceVersion=15&/),
      expect.stringMatching(/^WATCH \?resourceVersion=17&/),
      'LIST ?limit=2',
      expect.stringMatching(/^WATCH \?resourceVersion=40&/),
      'LIST ?limit=2',
      expect.stringMatching(/^WATCH \?resourceVersion=50&/),
    ]);
    // client-go: minWatchTimeout (5 min) × [1, 2).
    const timeout = Number(/timeoutSeconds=(\d+)/.exec(api.seen[2]!)![1]);
    expect(timeout).toBeGreaterThanOrEqual(300);
    expect(timeout).toBeLessThanOrEqual(600);
    abort.abort();
    await done;
  });

  it('after a failed watch, waits for a one-item list to answer, reports recovery, and resumes from the same resourceVersion', async () => {
    const api = await apiserver([
      json({ metadata: { resourceVersion: '10' }, items: [obj('a', '9')] }),
      json({ kind: 'Status', code: 503, message: 'apiserver is shutting down' }, 503),
      json({ kind: 'Status', code: 503, message: 'still down' }, 503),
      json({ metadata: { resourceVersion: '12' }, items: [obj('a', '9')] }),
    ]);
    const conn = fakeClusterConnection(api.url);
    cleanups.push(() => conn.dispose());
    const calls: string[] = [];
    const abort = new AbortController();
    cleanups.push(() => abort.abort());
    const done = reflect(
      { conn, path: '/api/v1/things', transform: (o) => o.metadata.name, backoff: () => 10 },
      {
        replace: (items) => calls.push(`replace ${items.join(',')}`),
        upsert: (n) => calls.push(`upsert ${n}`),
        remove: (n) => calls.push(`remove ${n}`),
        failed: (err, phase) => (calls.push(`failed ${phase}: ${(err as Error).message}`), 'retry'),
        recovered: () => calls.push('recovered'),
      },
      abort.signal,
    );
    await expect.poll(() => api.seen.length, { timeout: 5000 }).toBe(5);
    expect(calls).toEqual(['replace a', 'failed watch: apiserver is shutting down', 'failed watch: still down', 'recovered']);
    expect(api.seen.map((s) => decodeURIComponent(s))).toEqual([
      'LIST ?limit=500',
      expect.stringMatching(/^WATCH \?resourceVersion=10&/),
      'LIST ?limit=1',
      'LIST ?limit=1',
      expect.stringMatching(/^WATCH \?resourceVersion=10&/),
    ]);
    abort.abort();
    await done;
  });

  it('stops when the sink says so (a 404: the API is absent)', async () => {
    const api = await apiserver([json({ kind: 'Status', code: 404, message: 'the server could not find the requested resource' }, 404)]);
    const conn = fakeClusterConnection(api.url);
    cleanups.push(() => conn.dispose());
    const failures: string[] = [];
    await reflect(
      { conn, path: '/apis/discovery.k8s.io/v1/endpointslices', transform: (o) => o, backoff: () => 10 },
      {
        replace: () => {},
        upsert: () => {},
        remove: () => {},
        failed: (err) => (failures.push((err as Error).message), 'stop'),
        recovered: () => {},
      },
      new AbortController().signal,
    );
    expect(failures).toEqual(['the server could not find the requested resource']);
    expect(api.seen).toHaveLength(1);
  });
});
