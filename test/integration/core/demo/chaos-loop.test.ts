import { describe, expect, it, onTestFinished } from 'vitest';
import { startRestartLoop } from '../../../../electron/core/demo/chaos-loop.ts';
import { DEMO_WEB, startDemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { api } from './demo-support.ts';

describe('the restart loop against the demo cluster', () => {
  it("replaces one of the deployment's pods per tick: the old name is gone, the new one listed", async () => {
    const cluster = await startDemoCluster();
    onTestFinished(() => cluster.dispose());
    const restarted = new Promise<{ oldName: string; newName: string }>((resolve, reject) => {
      const loop = startRestartLoop(cluster.chaos, {
        everyMs: 50,
        namespace: DEMO_WEB.namespace,
        deployment: DEMO_WEB.name,
        onRestart: (r) => {
          void loop.dispose();
          resolve(r);
        },
        onError: reject,
      });
      onTestFinished(() => loop.dispose());
    });
    const { oldName, newName } = await restarted;
    expect(oldName.startsWith(DEMO_WEB.podPrefix)).toBe(true);
    expect(newName.startsWith(DEMO_WEB.podPrefix)).toBe(true);
    expect(newName).not.toBe(oldName);
    const pods = await api(cluster, `/api/v1/namespaces/${DEMO_WEB.namespace}/pods`);
    const names = pods.json<{ items: Array<{ metadata: { name: string } }> }>().items.map((p) => p.metadata.name);
    expect(names).toContain(newName);
    expect(names).not.toContain(oldName);
  });

  it('reports a deployment that does not exist through onError', async () => {
    const cluster = await startDemoCluster();
    onTestFinished(() => cluster.dispose());
    const err = await new Promise<unknown>((resolve) => {
      const loop = startRestartLoop(cluster.chaos, {
        everyMs: 50,
        namespace: 'shop',
        deployment: 'no-such-app',
        onError: (e) => {
          void loop.dispose();
          resolve(e);
        },
      });
      onTestFinished(() => loop.dispose());
    });
    expect((err as Error).message).toContain('"no-such-app" not found');
  });
});
