// Clusters without discovery.k8s.io/v1 (before 1.21): discovery falls back to core/v1 Endpoints.
// A small reverse proxy in front of the demo answers 404 for that API group, as such an apiserver does.
import { createServer, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { createLogger } from '../../../../electron/core/log.ts';
import { listServices } from '../../../../electron/core/services/discovery/list-services.ts';
import { ServiceHub } from '../../../../electron/core/services/service-hub.ts';
import { kubeconfigConnections } from '../../../support/kubeconfig-connect.ts';

let demo: DemoCluster;
let proxy: Server;
let dir: string;
let kubeconfig: string;
const missing: string[] = [];

beforeAll(async () => {
  demo = await startDemoCluster();
  const upstream = new URL(demo.url);
  proxy = createServer((req, res) => {
    if (req.url?.startsWith('/apis/discovery.k8s.io/')) {
      missing.push(req.url);
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          message: 'the server could not find the requested resource',
          reason: 'NotFound',
          code: 404,
        }),
      );
      return;
    }
    const up = httpsRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: upstream.host },
        ca: demo.caPem,
      },
      (ur) => {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        ur.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    res.on('close', () => up.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  dir = mkdtempSync(join(tmpdir(), 'kd-ep-fallback-'));
  kubeconfig = join(dir, 'kubeconfig');
  const port = (proxy.address() as AddressInfo).port;
  writeFileSync(kubeconfig, demo.kubeconfigYaml().replace(demo.url, `http://127.0.0.1:${port}`), { mode: 0o600 });
});
afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise((r) => proxy?.close(r));
  await demo?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('without EndpointSlices (404)', () => {
  it('the hub watches core/v1 Endpoints and gives the same readiness', async () => {
    const connections = kubeconfigConnections(kubeconfig);
    const logs: string[] = [];
    const hub = new ServiceHub({ connect: connections.connect, log: createLogger({ write: (l) => logs.push(l) }), lingerMs: 0 });
    try {
      const snap = await hub.watch({ context: 'demo', namespace: 'shop' }, () => {});
      expect(missing.length).toBeGreaterThan(0);
      expect(logs.some((l) => l.includes('EndpointSlices not served; watching Endpoints'))).toBe(true);
      const byName = new Map(snap.items.map((s) => [s.name, s.readiness]));
      expect(byName.get('web')).toEqual({ state: 'ready', ready: 2, notReady: 0, reasons: [] });
      expect(byName.get('orders')).toMatchObject({ state: 'not-ready', notReady: 1 });
      // Hand-made Endpoints count too (the Endpoints API shows them; no slice mirrors them in the demo).
      expect(byName.get('legacy-db')).toEqual({ state: 'no-selector', ready: 1, notReady: 0, reasons: [] });
      const detail = await hub.detail('demo', 'shop', 'web');
      expect(detail.pods.map((p) => p.ready)).toEqual([true, true]);
    } finally {
      await hub.dispose();
      connections.dispose();
    }
  });

  it('the one-shot list (kubedesk services) does the same', async () => {
    const connections = kubeconfigConnections(kubeconfig);
    const conn = await connections.connect('demo');
    try {
      const rows = await listServices(conn, 'shop');
      expect(rows.find((r) => r.summary.name === 'web')!.summary.readiness.state).toBe('ready');
      expect(rows.find((r) => r.summary.name === 'orders')!.summary.readiness.reasons).toEqual([
        expect.stringMatching(/ CrashLoopBackOff$/),
      ]);
    } finally {
      conn.dispose();
      connections.dispose();
    }
  });
});
