import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, type LongRunning } from '../../support/run-cli.ts';

const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: dev
clusters: [{name: dev, cluster: {server: "https://dev.example:6443"}}]
users: [{name: alice, user: {token: planted-serve-token-123456}}]
contexts: [{name: dev, context: {cluster: dev, user: alice}}]
`;

let serve: LongRunning;
let port: number;
let token: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kd-serve-'));
  writeFileSync(join(dir, 'config'), KUBECONFIG);
  serve = startCli(['serve', '--no-open', '--port', '0', '--kubeconfig', join(dir, 'config')]);
  const m = await serve.waitForLine(/^KubeDesk UI on http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43})$/);
  port = Number(m[1]);
  token = m[2]!;
});
afterAll(async () => {
  expect(await serve.stop()).toBe(0);
});

function get(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, path, method, headers, setHost: !('Host' in headers) }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    r.on('error', reject);
    r.end();
  });
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

describe('kubedesk serve (issue 3 serve mode)', () => {
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

  it('refuses the bridge without the token, with a wrong token, or from a foreign Origin (403)', async () => {
    const own = { Origin: `http://127.0.0.1:${port}` };
    expect((await openBridge(['kubedesk.bridge.v1'], own)).status).toBe(403);
    expect((await openBridge(['kubedesk.bridge.v1', `kubedesk.token.${'x'.repeat(43)}`], own)).status).toBe(403);
    expect((await openBridge(['kubedesk.bridge.v1', `kubedesk.token.${token}`], { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await openBridge(['kubedesk.bridge.v1', `kubedesk.token.${token}`], { ...own, Host: 'evil.example' })).status).toBe(403);
    expect((await openBridge(['kubedesk.bridge.v1', `kubedesk.token.${token}`])).status).toBe(403);
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

  it('never prints the token anywhere but the ready line', () => {
    expect(serve.stderr()).not.toContain(token);
  });
});
