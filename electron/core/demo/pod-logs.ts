// Each demo pod's log: its container's start-up lines plus one access-log line per request its
// backend serves, kept in a bounded ring; `kubectl logs -f` subscribes to new lines.

const MAX_LINES = 1000;

export class PodLogs {
  #lines = new Map<string, string[]>();
  #followers = new Map<string, Set<(line: string) => void>>();

  append(namespace: string, pod: string, line: string): void {
    const key = `${namespace}/${pod}`;
    let lines = this.#lines.get(key);
    if (!lines) {
      lines = [];
      this.#lines.set(key, lines);
    }
    lines.push(line);
    if (lines.length > MAX_LINES) lines.splice(0, lines.length - MAX_LINES);
    for (const f of this.#followers.get(key) ?? []) f(line);
  }

  lines(namespace: string, pod: string): readonly string[] {
    return this.#lines.get(`${namespace}/${pod}`) ?? [];
  }

  /** Calls `fn` for every new line; returns the unsubscribe. */
  follow(namespace: string, pod: string, fn: (line: string) => void): () => void {
    const key = `${namespace}/${pod}`;
    let set = this.#followers.get(key);
    if (!set) {
      set = new Set();
      this.#followers.set(key, set);
    }
    set.add(fn);
    return () => set.delete(fn);
  }

  drop(namespace: string, pod: string): void {
    this.#lines.delete(`${namespace}/${pod}`);
  }
}
