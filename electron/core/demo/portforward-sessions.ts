// The open port-forward sessions per pod, so a pod that goes away takes its forwards with it
// (as when the kubelet tears down the sandbox): each session reports the error on its open
// streams' error channels and closes.

export interface ForwardSession {
  /** Reports `cause` on every open port's error channel, then closes the session. */
  abort(cause: string): void;
}

export class PortForwardSessions {
  #byPod = new Map<string, Set<ForwardSession>>();

  add(namespace: string, pod: string, session: ForwardSession): () => void {
    const key = `${namespace}/${pod}`;
    let set = this.#byPod.get(key);
    if (!set) {
      set = new Set();
      this.#byPod.set(key, set);
    }
    set.add(session);
    return () => {
      set.delete(session);
      if (set.size === 0 && this.#byPod.get(key) === set) this.#byPod.delete(key);
    };
  }

  count(namespace: string, pod: string): number {
    return this.#byPod.get(`${namespace}/${pod}`)?.size ?? 0;
  }

  dropPod(namespace: string, pod: string, cause: string): void {
    const set = this.#byPod.get(`${namespace}/${pod}`);
    if (!set) return;
    for (const s of [...set]) s.abort(cause);
  }

  closeAll(cause: string): void {
    for (const set of [...this.#byPod.values()]) for (const s of [...set]) s.abort(cause);
    this.#byPod.clear();
  }
}

/** kubelet's text (kubelet/pkg/cri/streaming/portforward): podID is the sandbox id, uid is empty. */
export function forwardErrorText(port: number, sandbox: string, cause: string): string {
  return `error forwarding port ${port} to pod ${sandbox}, uid : ${cause}`;
}
