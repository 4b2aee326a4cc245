// The async resources (sockets, listeners, timers) a piece of code started and has not released,
// counting only its own: an async_hooks `init` inside its async context (an AsyncLocalStorage
// mark) adds one, the resource's `destroy` removes it (https://nodejs.org/api/async_hooks.html).
// The rest of the process (the demo cluster, whatever an earlier step is still closing) never
// shifts the count. Timers count only while they keep the event loop alive, as in
// process.getActiveResourcesInfo().
import { AsyncLocalStorage, createHook } from 'node:async_hooks';

export interface ResourceTracker {
  /** Runs `fn`, tracking the resources of the watched types that it (or what it started) creates. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** The tracked resources still alive, by async_hooks type (every watched type, 0 included). */
  alive(): Record<string, number>;
  dispose(): void;
}

/** `types` are async_hooks resource types: `TCPWRAP`, `TCPSERVERWRAP`, `Timeout`… */
export function trackResources(types: readonly string[]): ResourceTracker {
  const scope = new AsyncLocalStorage<true>();
  const live = new Map<number, { type: string; resource: object }>();
  const hook = createHook({
    init(asyncId, type, _triggerAsyncId, resource) {
      if (types.includes(type) && scope.getStore() === true) live.set(asyncId, { type, resource: resource as object });
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  }).enable();
  return {
    run: (fn) => scope.run(true, fn),
    alive: () => {
      const counts = Object.fromEntries(types.map((t) => [t, 0]));
      for (const { type, resource } of live.values()) {
        const ref = (resource as { hasRef?: () => boolean }).hasRef;
        if (type !== 'Timeout' || ref?.call(resource) !== false) counts[type]!++;
      }
      return counts;
    },
    dispose: () => void hook.disable(),
  };
}
