// @kubernetes/client-node 2.x against the demo cluster: list, watch (sees chaos), port-forward
// (WebSocket v4 channels), with each of the three kubeconfig contexts.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppsV1Api, CoreV1Api, KubeConfig, PortForward, Watch, type V1Pod } from '@kubernetes/client-node';
import { startDemoCluster, DEMO_CONTEXTS, DEMO_ECHO, DEMO_WEB, type DemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';

let cluster: DemoCluster;
let kc: KubeConfig;

beforeAll(async () => {
  cluster = await startDemoCluster();
  kc = new KubeConfig();
  kc.loadFromString(cluster.kubeconfigYaml());
});

afterAll(async () => {
  await cluster?.dispose();
});

describe('client-node against the demo cluster', () => {
  it.each(Object.values(DEMO_CONTEXTS))('lists namespaced services with context %s', async (ctx) => {
    const c = new KubeConfig();
    c.loadFromString(cluster.kubeconfigYaml());
    c.setCurrentContext(ctx);
    const core = c.makeApiClient(CoreV1Api);
    const list = await core.listNamespacedService({ namespace: 'shop' });
    expect(list.items.map((s) => s.metadata?.name)).toEqual([
      'api',
      'echo',
      'legacy-db',
      'orders',
      'storefront',
      'ticker',
      'web',
      'web-headless',
    ]);
    expect(list.metadata?.resourceVersion).toMatch(/^\d+$/);
  });

  it('lists deployments, pods by selector and reads one pod', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const deploys = await apps.listNamespacedDeployment({ namespace: 'shop' });
    const web = deploys.items.find((d) => d.metadata?.name === 'web');
    expect(web?.status?.readyReplicas).toBe(DEMO_WEB.replicas);
    const core = kc.makeApiClient(CoreV1Api);
    const pods = await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=web' });
    expect(pods.items).toHaveLength(DEMO_WEB.replicas);
    const one = await core.readNamespacedPod({ namespace: 'shop', name: pods.items[0]!.metadata!.name! });
    expect(one.spec?.containers[0]?.ports?.[0]).toMatchObject({ name: 'http', containerPort: 8080 });
    await expect(core.readNamespacedPod({ namespace: 'shop', name: 'nope' })).rejects.toMatchObject({ code: 404 });
  });

  it('watches pods from a list resourceVersion and sees a restart as DELETED then ADDED/MODIFIED', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const list = await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=api' });
    const old = list.items[0]!.metadata!.name!;
    const events: Array<{ type: string; name: string; phase: string | undefined; ready: boolean }> = [];
    const seen = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out: ${JSON.stringify(events)}`)), 10_000);
      void new Watch(kc)
        .watch(
          '/api/v1/namespaces/shop/pods',
          { labelSelector: 'app=api', resourceVersion: list.metadata!.resourceVersion! },
          (type: string, obj: V1Pod) => {
            const ready = obj.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
            events.push({ type, name: obj.metadata!.name!, phase: obj.status?.phase, ready });
            if (type === 'MODIFIED' && obj.metadata!.name !== old && ready) {
              clearTimeout(timer);
              resolve();
            }
          },
          (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : undefined),
        )
        .then((ac) => seen.finally(() => ac.abort()));
    });
    const { newName } = await cluster.chaos.restartPod('shop', old);
    await seen;
    expect(events.map((e) => `${e.type} ${e.name === old ? 'old' : e.name === newName ? 'new' : e.name}`)).toEqual([
      'MODIFIED old',
      'DELETED old',
      'ADDED new',
      'MODIFIED new',
    ]);
    expect(events[2]!.phase).toBe('Pending');
  });

  it('port-forwards to the echo pod over WebSocket v4 channels', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const pods = await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=echo' });
    const pod = pods.items[0]!.metadata!.name!;
    const input = new PassThrough();
    const output = new PassThrough();
    let received = '';
    const got = new Promise<void>((resolve) => {
      output.on('data', (d: Buffer) => {
        received += d.toString();
        if (received.includes('ping from client-node')) resolve();
      });
    });
    const ws = await new PortForward(kc).portForward('shop', pod, [DEMO_ECHO.containerPort], output, null, input);
    input.write('ping from client-node\n');
    await got;
    expect(received).toBe('ping from client-node\n');
    (ws as { close(): void }).close();
  });
});
