import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRestartLoop } from '../../../../electron/core/demo/chaos-loop.ts';

interface Call {
  namespace: string;
  deployment: string;
  resolve: (r: { oldName: string; newName: string }) => void;
  reject: (err: unknown) => void;
}

/** DemoChaos.restartDeploymentPod whose calls the test settles by hand. */
function manualChaos(): { calls: Call[]; restartDeploymentPod: (ns: string, d: string) => Promise<{ oldName: string; newName: string }> } {
  const calls: Call[] = [];
  return {
    calls,
    restartDeploymentPod: (namespace, deployment) =>
      new Promise((resolve, reject) => {
        calls.push({ namespace, deployment, resolve, reject });
      }),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('startRestartLoop', () => {
  it('restarts the oldest pod of the deployment every interval and reports each restart', async () => {
    const chaos = manualChaos();
    const restarts: string[] = [];
    const loop = startRestartLoop(chaos, {
      everyMs: 1_000,
      namespace: 'shop',
      deployment: 'web',
      onRestart: (r) => restarts.push(`${r.oldName}>${r.newName}`),
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(chaos.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(chaos.calls.map((c) => `${c.namespace}/${c.deployment}`)).toEqual(['shop/web']);
    chaos.calls[0]!.resolve({ oldName: 'web-a', newName: 'web-b' });
    await vi.advanceTimersByTimeAsync(1_000);
    chaos.calls[1]!.resolve({ oldName: 'web-b', newName: 'web-c' });
    await vi.advanceTimersByTimeAsync(0);
    expect(restarts).toEqual(['web-a>web-b', 'web-b>web-c']);
    await loop.dispose();
  });

  it('does not start a second restart while the first is still running', async () => {
    const chaos = manualChaos();
    const loop = startRestartLoop(chaos, { everyMs: 100, namespace: 'shop', deployment: 'web' });
    await vi.advanceTimersByTimeAsync(500);
    expect(chaos.calls).toHaveLength(1);
    chaos.calls[0]!.resolve({ oldName: 'a', newName: 'b' });
    await vi.advanceTimersByTimeAsync(100);
    expect(chaos.calls).toHaveLength(2);
    await loop.dispose();
  });

  it('reports a failed restart through onError and keeps going', async () => {
    const chaos = manualChaos();
    const errors: string[] = [];
    const loop = startRestartLoop(chaos, {
      everyMs: 100,
      namespace: 'shop',
      deployment: 'gone',
      onError: (err) => errors.push((err as Error).message),
    });
    await vi.advanceTimersByTimeAsync(100);
    chaos.calls[0]!.reject(new Error('deployments.apps "gone" not found'));
    await vi.advanceTimersByTimeAsync(100);
    expect(errors).toEqual(['deployments.apps "gone" not found']);
    expect(chaos.calls).toHaveLength(2);
    await loop.dispose();
  });

  it('starts nothing after dispose, stays quiet about a restart that ends later, and disposes twice safely', async () => {
    const chaos = manualChaos();
    const onRestart = vi.fn();
    const loop = startRestartLoop(chaos, { everyMs: 100, namespace: 'shop', deployment: 'web', onRestart });
    await vi.advanceTimersByTimeAsync(100);
    await loop.dispose();
    await loop.dispose();
    chaos.calls[0]!.resolve({ oldName: 'a', newName: 'b' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(chaos.calls).toHaveLength(1);
    expect(onRestart).not.toHaveBeenCalled();
  });

  it('stops when its signal aborts, and never starts on an aborted signal', async () => {
    const chaos = manualChaos();
    const ac = new AbortController();
    startRestartLoop(chaos, { everyMs: 100, namespace: 'shop', deployment: 'web' }, ac.signal);
    ac.abort();
    startRestartLoop(chaos, { everyMs: 100, namespace: 'shop', deployment: 'web' }, AbortSignal.abort());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(chaos.calls).toHaveLength(0);
  });

  it.each([0, -5, 1.5, Number.NaN])('rejects an interval of %s ms', (everyMs) => {
    expect(() => startRestartLoop(manualChaos(), { everyMs, namespace: 'shop', deployment: 'web' })).toThrow(RangeError);
  });
});
