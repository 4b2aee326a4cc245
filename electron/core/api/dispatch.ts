// Exactly one function turns a handler's throw into a Result, and both transports (Electron
// IPC, the serve bridge) use it (docs/architecture.md, Errors are values). It also validates
// every request at the boundary before core sees it.
import { isChannel, type Channel, type Req, type Res, type Result } from '../../shared/ipc-contract.ts';
import { REQUEST_SCHEMAS } from '../../shared/ipc-schemas.ts';
import { formatFieldPath } from '../kubeconfig/parse-kubeconfig.ts';
import { describe, KubeDeskError } from '../errors.ts';
import type { Logger } from '../log.ts';

/** Handlers for one contract fragment: `AreaHandlers<ProxyContract>`. */
export type AreaHandlers<T> = {
  [C in keyof T]: T[C] extends { req: infer Q; res: infer S } ? (req: Q, signal: AbortSignal) => Promise<S> : never;
};
export type Handlers = { [C in Channel]: (req: Req<C>, signal: AbortSignal) => Promise<Res<C>> };

export interface DispatchDeps {
  handlers: Handlers;
  log: Logger;
}

export async function dispatch(deps: DispatchDeps, channel: unknown, req: unknown, signal: AbortSignal): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'invalid-input', message: `unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}` } };
  }
  const parsed = REQUEST_SCHEMAS[channel].safeParse(req);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = formatFieldPath(issue.path);
    return { ok: false, error: { code: 'invalid-input', message: `${channel}: ${where ? where + ': ' : ''}${issue.message}` } };
  }
  return invokeHandler(deps, channel, parsed.data as Req<typeof channel>, signal);
}

async function invokeHandler<C extends Channel>(deps: DispatchDeps, channel: C, req: Req<C>, signal: AbortSignal): Promise<Result<Res<C>>> {
  try {
    return { ok: true, value: await deps.handlers[channel](req, signal) };
  } catch (err) {
    if (err instanceof KubeDeskError) return { ok: false, error: { code: err.code, message: err.message } };
    if (signal.aborted) return { ok: false, error: { code: 'cancelled', message: 'cancelled' } };
    deps.log.error('unexpected failure', { channel, error: describe(err) });
    return { ok: false, error: { code: 'internal', message: 'Internal error; see the log.' } };
  }
}
