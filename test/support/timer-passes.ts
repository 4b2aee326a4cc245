// Which callbacks ran in the same pass of the event loop: Node drains microtasks between two
// timers' callbacks, so a pass is what runs before a microtask queued by its first callback.
// Callbacks on one shared timer (electron/core/forward/shared-interval.ts) land in one pass;
// callbacks on timers of their own land in passes of one.

export interface PassRecorder<T> {
  /** One group per pass, in order. */
  readonly passes: T[][];
  /** Records that `who` ran now. */
  ran(who: T): void;
}

export function passRecorder<T>(): PassRecorder<T> {
  const passes: T[][] = [];
  let open: T[] | undefined;
  return {
    passes,
    ran(who) {
      if (!open) {
        const pass: T[] = [];
        open = pass;
        passes.push(pass);
        queueMicrotask(() => (open = undefined));
      }
      open.push(who);
    },
  };
}
