// Periodic work of many owners on one timer per period (docs/port-forward.md, Idle cost): a
// hundred forwards' health checks, or a hundred SPDY connections' pings, wake the process once a
// period instead of a hundred times, each at its own moment. Every member still runs once per
// period; one that joins between two ticks first runs at the next one, so sooner than a timer of
// its own would, never later.

interface Group {
  timer: NodeJS.Timeout;
  members: Set<() => void>;
}

const groups = new Map<number, Group>();

function tick(members: Set<() => void>): void {
  // A member may remove others (or itself) while the tick runs; one added meanwhile waits for the next.
  for (const member of [...members]) if (members.has(member)) member();
}

/**
 * Runs `fn` every `ms` on the timer every caller with the same `ms` shares (unref'd: it keeps no
 * process alive), until the returned function is called.
 */
export function onSharedInterval(ms: number, fn: () => void): () => void {
  let group = groups.get(ms);
  if (!group) {
    const members = new Set<() => void>();
    const timer = setInterval(() => tick(members), ms);
    timer.unref();
    group = { timer, members };
    groups.set(ms, group);
  }
  const own = group;
  // A wrapper of its own, so the same function added twice runs twice and leaves once per call.
  const member = (): void => fn();
  own.members.add(member);
  return () => {
    if (!own.members.delete(member) || own.members.size > 0) return;
    clearInterval(own.timer);
    if (groups.get(ms) === own) groups.delete(ms);
  };
}
