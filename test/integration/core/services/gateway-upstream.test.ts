// What a gateway sends to the apiserver and how it maps the answer (docs/service-gateway.md), seen
// from a recording apiserver behind a server path (`/k8s/clusters/c1`, as Rancher serves it): the
// connection's own credentials whatever the browser sends, the service's cookies passed and
// KubeDesk's token cookies not, gzip HTML decoded and its proxy links (every form) mapped back,
// other content streamed as it came.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../../../../electron/core/log.ts';
import { GatewayManager } from '../../../../electron/core/services/gateway/gateway-manager.ts';
import { KUBECONFIG_TOKEN, startRecordingApiserver, type RecordingApiserver } from '../../../fakes/recording-apiserver.ts';
import { probe } from '../../../support/http-probe.ts';

const BASE = '/k8s/clusters/c1';
const PREFIX = '/api/v1/namespaces/shop/services/web:http/proxy';
const SERVICE = {
  kind: 'Service',
  apiVersion: 'v1',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { ports: [{ name: 'http', port: 80 }] },
};

let up: RecordingApiserver;
let port: number;

beforeAll(async () => {
  up = await startRecordingApiserver();
});
afterAll(async () => {
  await up?.dispose();
});

async function openGateway(): Promise<void> {
  const gateways = new GatewayManager({
    connect: async () => up.connection({ path: BASE }),
    log: silentLogger,
    home: mkdtempSync(join(tmpdir(), 'kd-gateway-up-')),
  });
  onTestFinished(() => gateways.dispose());
  const info = await gateways.open({ context: 'recording', namespace: 'shop', service: 'web' });
  port = Number(new URL(info.url).port);
}

describe('a gateway against a recording apiserver (docs/service-gateway.md)', () => {
  it('sends the connection credentials only, passes the service cookies and drops KubeDesk token cookies', async () => {
    up.handle((req, res) => {
      if (req.url === `${BASE}/api/v1/namespaces/shop/services/web`) return void res.end(JSON.stringify(SERVICE));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
      res.end('{}');
    });
    await openGateway();
    const seen = up.requests.length;
    const r = await probe(port, '/a/b?c=d', {
      headers: {
        Authorization: 'Basic YWRtaW46YWRtaW4=',
        'Impersonate-User': 'system:admin',
        'Impersonate-Group': 'system:masters',
        Cookie: 'session=abc; kubedesk_token_8001=secret-token-value',
      },
    });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const sent = up.requests.slice(seen);
    expect(sent.map((x) => `${x.method} ${x.url}`)).toEqual([`GET ${BASE}${PREFIX}/a/b?c=d`]);
    const h = sent[0]!.headers;
    expect(h['authorization']).toBe(`Bearer ${KUBECONFIG_TOKEN}`);
    expect(Object.keys(h).filter((k) => k.startsWith('impersonate-'))).toEqual([]);
    expect(h['cookie']).toBe('session=abc');
    expect(h['host']).toBe(`127.0.0.1:${up.port}`);
  });

  it('decodes gzip HTML and maps every proxy-link form back to /, bytes of other charsets kept', async () => {
    const server = up.url + BASE;
    const html = Buffer.concat([
      Buffer.from(
        [
          `<link href="${BASE}${PREFIX}/static/a.css" rel=stylesheet>`,
          `<script src='${server}${PREFIX}/app.js?v=1'></script>`,
          `<form action=${PREFIX}/login method=post></form>`,
          `<a href="${PREFIX}">home</a><a href="${PREFIX}?q=1">q</a>`,
          `<a href="https://example.com${PREFIX}/x">elsewhere</a>`,
          `<a href="/api/v1/namespaces/shop/services/other/proxy/">another service</a>`,
          `<a href="relative/path">rel</a><p>${PREFIX}/not-an-attribute</p>`,
        ].join('\n') + '\n',
      ),
      Buffer.from([0xe9, 0xff, 0x0a]),
    ]);
    up.handle((req, res) => {
      if (req.url === `${BASE}/api/v1/namespaces/shop/services/web`) return void res.end(JSON.stringify(SERVICE));
      if (req.url === `${BASE}${PREFIX}/`) {
        const gz = gzipSync(html);
        res.writeHead(200, { 'Content-Type': 'text/html; charset=iso-8859-1', 'Content-Encoding': 'gzip', 'Content-Length': gz.length });
        return void res.end(gz);
      }
      if (req.url === `${BASE}${PREFIX}/go`) {
        res.writeHead(302, { Location: `${server}${PREFIX}/next?x=1` });
        return void res.end();
      }
      if (req.url === `${BASE}${PREFIX}/data.json`) {
        const gz = gzipSync(`{"link":"${PREFIX}/kept"}`);
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': gz.length });
        return void res.end(gz);
      }
      res.writeHead(404);
      res.end();
    });
    await openGateway();
    const page = await probe(port, '/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body.split('\n').slice(0, 7)).toEqual([
      '<link href="/static/a.css" rel=stylesheet>',
      "<script src='/app.js?v=1'></script>",
      '<form action=/login method=post></form>',
      '<a href="/">home</a><a href="/?q=1">q</a>',
      `<a href="https://example.com${PREFIX}/x">elsewhere</a>`,
      '<a href="/api/v1/namespaces/shop/services/other/proxy/">another service</a>',
      `<a href="relative/path">rel</a><p>${PREFIX}/not-an-attribute</p>`,
    ]);
    // Byte for byte: the length matches, and the Latin-1 bytes at the end came through as they were.
    const r = await fetch(`http://127.0.0.1:${port}/`);
    const raw = Buffer.from(await r.arrayBuffer());
    expect(Number(r.headers.get('content-length'))).toBe(raw.length);
    expect(raw.subarray(-3)).toEqual(Buffer.from([0xe9, 0xff, 0x0a]));

    const redirect = await probe(port, '/go');
    expect(redirect.status).toBe(302);
    expect(redirect.headers['location']).toBe('/next?x=1');

    const json = await probe(port, '/data.json', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(json.headers['content-encoding']).toBe('gzip');
  });

  it('relays a WebSocket from its own page to the service, with the connection credentials', async () => {
    up.handle((req, res) => {
      if (req.url === `${BASE}/api/v1/namespaces/shop/services/web`) return void res.end(JSON.stringify(SERVICE));
      res.writeHead(404);
      res.end();
    });
    up.handleUpgrade(undefined);
    await openGateway();
    const seen = up.requests.length;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket?x=1`, {
      origin: `http://127.0.0.1:${port}`,
      headers: { Authorization: 'Bearer page' },
    });
    onTestFinished(() => ws.terminate());
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const echoed = new Promise<string>((resolve) => ws.once('message', (d: Buffer) => resolve(d.toString())));
    ws.send('hello');
    expect(await echoed).toBe('hello');
    const sent = up.requests.slice(seen);
    expect(sent.map((r) => [r.upgrade, r.url, r.headers['authorization']])).toEqual([
      [true, `${BASE}${PREFIX}/socket?x=1`, `Bearer ${KUBECONFIG_TOKEN}`],
    ]);
  });
});
