import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newLaunchCode, READY_LINE, tradeLaunchCode } from '../../e2e/support/serve-app.ts';
import { rawRequest } from '../../support/http-probe.ts';
import { ROOT, startCli, type LongRunning } from '../../support/run-cli.ts';

const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: dev
clusters: [{name: dev, cluster: {server: "https://dev.example:6443"}}]
users: [{name: alice, user: {token: planted-serve-token-123456}}]
contexts: [{name: dev, context: {cluster: dev, user: alice}}]
`;

let serve: LongRunning;
let port: number;
let origin: string;
let firstCode: string;
let token: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kd-serve-'));
  writeFileSync(join(dir, 'config'), KUBECONFIG);
  serve = startCli(['serve', '--no-open', '--port', '0', '--kubeconfig', join(dir, 'config')]);
  const m = await serve.waitForLine(READY_LINE);
  origin = m[1]!;
  port = Number(m[2]);
  firstCode = m[3]!;
  token = await tradeLaunchCode(origin, firstCode);
});
afterAll(async () => {
  expect(await serve.stop()).toBe(0);
});

function get(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    // The path goes on the wire as written: http.request does not normalise it.
    const r = request({ host: '127.0.0.1', port, path, method, headers, setHost: !('Host' in headers) }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

/** A request line sent byte for byte (no client normalises it); the status code. */
async function rawStatus(requestLine: string): Promise<number> {
  return (await rawRequest(port, `${requestLine}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).status;
}

function session(code: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return get('/session', { 'Content-Type': 'application/json', ...headers }, 'POST', JSON.stringify({ code }));
}

function openBridge(protocols: string[], headers: Record<string, string> = {}): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, protocols, { headers, origin: headers['Origin'] });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.on('error', () => resolve({}));
  });
}

function invoke(ws: WebSocket, channel: string, req?: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const id = Math.floor(Math.random() * 1e9);
    const onMessage = (data: WebSocket.RawData): void => {
      const msg = JSON.parse(data.toString()) as { t: string; id: number; result: unknown };
      if (msg.t === 'result' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'invoke', id, channel, req }));
  });
}

describe('kubedesk serve', () => {
  it('serves the built UI to a loopback Host, with a strict CSP', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<div id="app">');
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it.each([
    ['a foreign Host', { Host: 'evil.example' }],
    ['a DNS-rebinding Host with the right port', { Host: `evil.example:${0}` }],
    ['a look-alike Host', { Host: 'localhost.evil.com' }],
    ['a cross-site Origin', { Origin: 'http://evil.example' }],
    ['an Origin on another port', { Origin: 'http://127.0.0.1:1' }],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
  ])('refuses %s with 403 Forbidden', async (_name, headers) => {
    const r = await get('/', headers as Record<string, string>);
    expect(r.status).toBe(403);
    expect(r.body).toBe('Forbidden\n');
  });

  it('accepts its own Origin', async () => {
    expect((await get('/', { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await get('/../../package.json')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
  });

  // `new URL()` folds `/../` and `%2e%2e/` before the file server sees the path; these survive
  // it and decode to `../../package.json`, so only the root check in static-files.ts stops them.
  it.each([
    '/..%2f..%2fpackage.json',
    '/..%2F..%2Fpackage.json',
    '/%2e%2e%2f%2e%2e%2fpackage.json',
    '/%2E%2E%2F%2E%2E%2Fpackage.json',
    '/x/..%2f..%2f..%2fpackage.json',
    '/..%2f..%2fout%2fmain%2findex.js',
  ])('refuses the encoded traversal %s with 404 (the file exists outside the root)', async (path) => {
    expect(existsSync(join(ROOT, 'package.json'))).toBe(true);
    const r = await get(path);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('"devDependencies"');
    expect(await rawStatus(`GET ${path} HTTP/1.1`)).toBe(404);
  });

  // On POSIX a backslash is a file-name character and cannot climb; on Windows path.normalize
  // reads it as a separator and the same root check stops it.
  it('refuses backslash traversals, raw and encoded', async () => {
    expect(readFileSync(join(ROOT, 'package.json'), 'utf8')).toContain('"devDependencies"');
    expect(await rawStatus('GET /..\\..\\package.json HTTP/1.1')).toBe(404);
    expect(await rawStatus('GET /..%5c..%5cpackage.json HTTP/1.1')).toBe(404);
    expect(await rawStatus('GET /..%5C..%5Cpackage.json HTTP/1.1')).toBe(404);
  });

  it('prints a one-time launch code, not the session token', () => {
    expect(firstCode).not.toBe(token);
    expect(serve.lines.join('\n')).not.toContain(token);
  });

  it('trades a launch code for the session token once; the same code a second time is refused', async () => {
    const code = await newLaunchCode(origin, token);
    const first = await session(code, { Origin: origin });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ token });
    const second = await session(code, { Origin: origin });
    expect(second.status).toBe(403);
    expect(second.body).not.toContain(token);
    // The printed code was traded in beforeAll: it is spent too.
    expect((await session(firstCode)).status).toBe(403);
  });

  it('refuses an unknown code, a code from a foreign Origin, and a body that is not JSON', async () => {
    expect((await session('x'.repeat(43))).status).toBe(403);
    const code = await newLaunchCode(origin, token);
    expect((await session(code, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get('/session', { 'Content-Type': 'text/plain' }, 'POST', JSON.stringify({ code }))).status).toBe(403);
    // Refused attempts from elsewhere did not spend it.
    expect((await session(code)).status).toBe(200);
  });

  it('issues new launch codes only to a holder of the session token', async () => {
    expect((await get('/session/launch-code', {}, 'POST')).status).toBe(403);
    expect((await get('/session/launch-code', { Authorization: `Bearer ${'x'.repeat(43)}` }, 'POST')).status).toBe(403);
    expect((await get('/session/launch-code', { Authorization: `Bearer ${token}` }, 'POST')).status).toBe(200);
    expect((await get('/session', {}, 'GET')).status).toBe(403);
  });

  it('refuses the bridge without the token, with a wrong token, or from a foreign Origin (403)', async () => {
    const own = { Origin: `http://127.0.0.1:${port}` };
    expect((await openBridge(['kubedesk.bridge.v1'], own)).status).toBe(403);
    expect((await openBridge(['kubedesk.bridge.v1', `kubedesk.token.${'x'.repeat(43)}`], own)).status).toBe(403);
    expect((await openBridge(['kubedesk.bridge.v1', `kubedesk.token.${token}`], { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await openBridge(['kubedesk.bridge.v1', `kubedesk.token.${token}`], { ...own, Host: 'evil.example' })).status).toBe(403);
    expect((await openBridge(['kubedesk.bridge.v1', `kubedesk.token.${token}`])).status).toBe(403);
  });

  it('refuses a bridge handshake that offers the token but not the bridge subprotocol (403)', async () => {
    const own = { Origin: `http://127.0.0.1:${port}` };
    expect((await openBridge([`kubedesk.token.${token}`], own)).status).toBe(403);
    expect((await openBridge([`kubedesk.token.${token}`, 'kubedesk.bridge.v2'], own)).status).toBe(403);
  });

  it('answers the contract over the bridge with the token and its own Origin', async () => {
    const { ws } = await openBridge(['kubedesk.bridge.v1', `kubedesk.token.${token}`], { Origin: `http://127.0.0.1:${port}` });
    expect(ws).toBeDefined();
    expect(ws!.protocol).toBe('kubedesk.bridge.v1');
    const r = (await invoke(ws!, 'contexts:list')) as { ok: true; value: { contexts: Array<{ name: string; authKind: string }> } };
    expect(r.ok).toBe(true);
    expect(r.value.contexts).toMatchObject([{ name: 'dev', authKind: 'token' }]);
    expect(JSON.stringify(r)).not.toContain('planted');
    expect(await invoke(ws!, 'nope:nope')).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    ws!.close();
  });

  it('never prints the session token or a launch code on stderr', () => {
    expect(serve.stderr()).not.toContain(token);
    expect(serve.stderr()).not.toContain(firstCode);
  });
});
