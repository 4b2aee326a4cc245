// The text of a failure before any upstream answer, for kubectl's `500` body and its
// `Error while proxying request: …` line (docs/proxy.md, step 7): Node's own message, e.g.
// `connect ECONNREFUSED 127.0.0.1:6443`. Never includes request data or credentials.

export function proxyErrorText(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    // Node's happy-eyeballs connect (`localhost` → ::1 and 127.0.0.1) fails with an empty message.
    return err.message || err.errors.map((e) => proxyErrorText(e)).join('; ');
  }
  if (err instanceof Error) {
    if (err.message) return err.message;
    const code = (err as NodeJS.ErrnoException).code;
    return code ?? err.name;
  }
  return String(err);
}
