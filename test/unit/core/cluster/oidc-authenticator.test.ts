import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtExpiry, OidcAuthenticator } from '../../../../electron/core/cluster/oidc-authenticator.ts';
import { kubeJson } from '../../../../electron/core/cluster/kube-request.ts';
import { importCandidates } from '../../../../electron/core/kubeconfig/import-candidates.ts';
import { startRecordingApiserver, type RecordingApiserver } from '../../../fakes/recording-apiserver.ts';
import { MemorySecretStore } from '../../../fakes/memory-secret-store.ts';
import { kubeconfig, setup, tempDir, writeFile, rejectionOf } from '../../../support/kubedesk-fixtures.ts';

const NOW = 1_800_000_000_000;
const jwt = (exp: number, sub = 'jane'): string =>
  ['{"alg":"none"}', JSON.stringify({ sub, exp: Math.floor(exp / 1000) })].map((p) => Buffer.from(p).toString('base64url')).join('.') +
  '.sig';

/** A tiny OpenID provider on loopback: discovery and a refresh_token grant that rotates tokens. */
let idp: Server;
let issuer: string;
const grants: URLSearchParams[] = [];
let refreshStatus = 200;
beforeAll(async () => {
  idp = createServer((req, res) => {
    if (req.url === '/realms/dev/.well-known/openid-configuration') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ issuer, token_endpoint: `${issuer}/token` }));
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      grants.push(form);
      if (refreshStatus !== 200) {
        res
          .writeHead(refreshStatus, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ error: 'invalid_grant', error_description: `planted ${form.get('refresh_token')}` }));
        return;
      }
      const n = grants.length;
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ id_token: jwt(NOW + 3_600_000, `jane-${n}`), refresh_token: `refresh-${n}` }));
    });
  });
  await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/realms/dev`;
});
afterAll(() => new Promise<void>((r) => idp.close(() => r())));

function authenticator(config: Record<string, string>, persisted: unknown[] = []) {
  return new OidcAuthenticator({
    user: 'jane',
    config: { 'idp-issuer-url': issuer, 'client-id': 'kubectl', ...config },
    persist: async (t) => void persisted.push(t),
    now: () => NOW,
  });
}

describe('the oidc auth-provider with refresh (docs/kubeconfig.md, OIDC)', () => {
  it('uses a valid id-token as it is', async () => {
    const a = authenticator({ 'id-token': jwt(NOW + 60_000), 'refresh-token': 'r0' });
    expect(await a.idToken()).toBe(jwt(NOW + 60_000));
    expect(a.refreshes).toBe(0);
  });

  it('within 10 s of exp: refresh_token grant at the discovered endpoint, new tokens persisted', async () => {
    const persisted: unknown[] = [];
    const a = authenticator({ 'id-token': jwt(NOW + 9_000), 'refresh-token': 'r0', 'client-secret': 'cs' }, persisted);
    const token = await a.idToken();
    const grant = grants.at(-1)!;
    expect(Object.fromEntries(grant)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'r0',
      client_id: 'kubectl',
      client_secret: 'cs',
    });
    expect(jwtExpiry(token)).toBe(NOW + 3_600_000);
    expect(persisted).toEqual([{ idToken: token, refreshToken: `refresh-${grants.length}` }]);
    expect(await a.idToken()).toBe(token);
    expect(a.refreshes).toBe(1);
  });

  it('after a 401 the next call refreshes; without a refresh-token it says to log in again', async () => {
    const a = authenticator({ 'id-token': jwt(NOW + 600_000), 'refresh-token': 'r0' });
    await a.idToken();
    a.invalidate();
    await a.idToken();
    expect(a.refreshes).toBe(1);
    await expect(authenticator({ 'id-token': jwt(NOW - 1) }).idToken()).rejects.toThrow(
      'oidc (user jane): the id-token has expired and there is no refresh-token; log in again to get new tokens',
    );
  });

  it('a refused refresh shows the OAuth error code, never the response body', async () => {
    refreshStatus = 400;
    try {
      const err = await rejectionOf(authenticator({ 'refresh-token': 'r-secret' }).idToken());
      expect(err.message).toBe('oidc (user jane): refreshing the token failed: HTTP 400 invalid_grant; log in again');
      expect(err.message).not.toContain('r-secret');
    } finally {
      refreshStatus = 200;
    }
  });
});

describe('oidc through a connection: kubeconfig write-back and keychain write-back', () => {
  let api: RecordingApiserver;
  beforeAll(async () => {
    api = await startRecordingApiserver();
  });
  afterAll(() => api.dispose());

  const file = (idToken: string) =>
    kubeconfig({
      current: 'o',
      clusters: [{ name: 'k', cluster: { server: api.url, 'certificate-authority-data': Buffer.from(api.caPem).toString('base64') } }],
      users: [
        {
          name: 'u',
          user: {
            'auth-provider': {
              name: 'oidc',
              config: { 'idp-issuer-url': issuer, 'client-id': 'kubectl', 'id-token': idToken, 'refresh-token': 'r-old' },
            },
          },
        },
      ],
      contexts: [{ name: 'o', cluster: 'k', user: 'u' }],
    });

  it('an expired kubeconfig id-token is refreshed, sent, and written back into the file', async () => {
    const path = writeFile(tempDir(), 'config', file(jwt(Date.now() - 1000)));
    const s = setup({ files: [path] });
    const conn = await s.provider.connect();
    await kubeJson(conn, { path: '/version' });
    conn.dispose();
    const sent = api.requests.at(-1)!.headers.authorization!;
    expect(sent).toMatch(/^Bearer ey/);
    const saved = readFileSync(path, 'utf8');
    expect(saved).toContain(sent.slice('Bearer '.length));
    expect(saved).toContain(`refresh-${grants.length}`);
  });

  it('for an imported user the new tokens go to the keychain, not the store', async () => {
    const secrets = new MemorySecretStore();
    const s = setup({ secrets });
    await s.imported.import(importCandidates({ label: 'x', dir: '/', text: file(jwt(Date.now() - 1000)) }, undefined), 'x');
    const conn = await s.provider.connect('o');
    await kubeJson(conn, { path: '/version' });
    conn.dispose();
    const entry = JSON.parse([...secrets.entries.values()][0]!) as Record<string, string>;
    expect(entry['auth-provider.refresh-token']).toBe(`refresh-${grants.length}`);
    expect(readFileSync(join(s.home, 'store.json'), 'utf8')).not.toContain(`refresh-${grants.length}`);
  });
});
