// The `--restart-every` chaos of `kubedesk demo` (docs/demo-cluster.md): every `everyMs`,
// restart the oldest pod of one Deployment, so its replacement comes up under a new name and
// IP and every forward to it has to recover. A restart still running when the next one is due
// is not doubled; after dispose (or abort) no restart starts and no callback runs.
import type { DemoChaos } from './chaos.ts';
import type { Disposable } from '../lifecycle.ts';

export interface RestartLoopOptions {
  /** Milliseconds between restarts; a positive integer. */
  everyMs: number;
  namespace: string;
  deployment: string;
  onRestart?: (restarted: { oldName: string; newName: string }) => void;
  onError?: (err: unknown) => void;
}

export function startRestartLoop(
  chaos: Pick<DemoChaos, 'restartDeploymentPod'>,
  opts: RestartLoopOptions,
  signal?: AbortSignal,
): Disposable {
  if (!Number.isSafeInteger(opts.everyMs) || opts.everyMs <= 0)
    throw new RangeError('startRestartLoop: everyMs must be a positive integer');
  let stopped = false;
  let busy = false;
  const tick = (): void => {
    if (busy) return;
    busy = true;
    chaos
      .restartDeploymentPod(opts.namespace, opts.deployment)
      .then(
        (r) => {
          if (!stopped) opts.onRestart?.(r);
        },
        (err: unknown) => {
          if (!stopped) opts.onError?.(err);
        },
      )
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(tick, opts.everyMs);
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    signal?.removeEventListener('abort', stop);
  };
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  return { dispose: stop };
}
