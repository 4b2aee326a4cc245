// `npm run bench`: the demo cluster with `--services 10000` (starts in under 3 s and
// lists them in one request). Baseline: the plain demo world, measured in the same run.
import { request } from 'node:https';
import { startDemoCluster, DEMO_BULK_NAMESPACE, type DemoCluster } from '../../electron/core/demo/demo-cluster.ts';

function get(c: DemoCluster, path: string, accept?: string): Promise<{ ms: number; bytes: number; body: string }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, c.url),
      { ca: c.caPem, agent: false, headers: { Authorization: `Bearer ${c.credentials.token}`, ...(accept ? { Accept: accept } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ ms: performance.now() - t, bytes: body.length, body: body.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function timedStart(services: number): Promise<{ cluster: DemoCluster; ms: number }> {
  const t = performance.now();
  const cluster = await startDemoCluster({ services });
  return { cluster, ms: performance.now() - t };
}

export async function benchDemo(): Promise<Record<string, number | string>> {
  const base = await timedStart(0);
  const baseList = await get(base.cluster, '/api/v1/services');
  await base.cluster.dispose();

  const heapBefore = process.memoryUsage().heapUsed;
  const big = await timedStart(10_000);
  const heapAfter = process.memoryUsage().heapUsed;
  try {
    // One warm-up request each, so the figures are steady-state serving, not JIT warm-up.
    await get(big.cluster, `/api/v1/namespaces/${DEMO_BULK_NAMESPACE}/services`);
    const list = await get(big.cluster, `/api/v1/namespaces/${DEMO_BULK_NAMESPACE}/services`);
    const items = (JSON.parse(list.body) as { items: unknown[] }).items.length;
    const table = await get(
      big.cluster,
      `/api/v1/namespaces/${DEMO_BULK_NAMESPACE}/services`,
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    );
    const rows = (JSON.parse(table.body) as { rows: unknown[] }).rows.length;
    return {
      'start ms (plain world)': Math.round(base.ms),
      'start ms (--services 10000)': Math.round(big.ms),
      'start under 3 s': big.ms < 3000 ? 'yes' : 'NO',
      'start ratio vs plain': big.ms / base.ms,
      'list 10000 services: items in one request': items,
      'list 10000 services: ms': Math.round(list.ms),
      'list 10000 services: MB': list.bytes / 1e6,
      'list ratio vs plain list': list.ms / baseList.ms,
      'Table of 10000 services: rows': rows,
      'Table of 10000 services: ms': Math.round(table.ms),
      'heap growth for 10000 services (MB)': Math.max(0, heapAfter - heapBefore) / 1e6,
    };
  } finally {
    await big.cluster.dispose();
  }
}
