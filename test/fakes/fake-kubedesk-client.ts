// A KubeDeskClient for renderer state tests: each channel answers what the test sets, every
// call is recorded, and `emit` pushes an event to the live subscribers. A channel without an
// answer fails with `internal`, so a test notices a call it did not expect.
import type {
  Channel,
  EventChannel,
  IpcEvents,
  KubeDeskClient,
  Req,
  Res,
  Result,
  ServiceSummary,
} from '../../electron/shared/ipc-contract.ts';

export type FakeAnswers = { [C in Channel]?: (req: Req<C>) => Result<Res<C>> };

export interface FakeKubeDeskClient {
  client: KubeDeskClient;
  /** Every invoke, in order: [channel, request]. */
  calls: Array<[Channel, unknown]>;
  emit<E extends EventChannel>(event: E, payload: IpcEvents[E]): void;
  /** How many listeners `event` has now. */
  listenerCount(event: EventChannel): number;
}

export function fakeKubeDeskClient(answers: FakeAnswers): FakeKubeDeskClient {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const calls: Array<[Channel, unknown]> = [];
  const client: KubeDeskClient = {
    invoke: (async (channel: Channel, req: unknown) => {
      calls.push([channel, req]);
      const answer = answers[channel] as ((req: unknown) => Result<unknown>) | undefined;
      return answer ? answer(req) : { ok: false, error: { code: 'internal', message: `no fake answer for ${channel}` } };
    }) as KubeDeskClient['invoke'],
    on: ((event: EventChannel, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    }) as KubeDeskClient['on'],
  };
  return {
    client,
    calls,
    emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}

/**
 * `services:watch` and `services:unwatch` over a fixed list, the way the core's hub answers them:
 * each watch gets a new id (`w1`, `w2`, …) and its namespace's items; `open` holds the ids not
 * yet unwatched.
 */
export function fakeServiceWatches(items: ServiceSummary[]): { answers: FakeAnswers; open: Set<string> } {
  const open = new Set<string>();
  let next = 1;
  const answers: FakeAnswers = {
    'services:watch': (req) => {
      const watchId = `w${next++}`;
      open.add(watchId);
      const namespace = req.namespace ?? null;
      const value = { watchId, context: req.context, namespace, sync: 'live' as const };
      return { ok: true, value: { ...value, items: items.filter((s) => namespace === null || s.namespace === namespace) } };
    },
    'services:unwatch': (req) => {
      open.delete(req.watchId);
      return { ok: true, value: undefined };
    },
  };
  return { answers, open };
}

/** A service row as the hub reports it: ClusterIP, one TCP port 80, ready 1/1 unless told. */
export function serviceSummary(namespace: string, name: string, more: Partial<ServiceSummary> = {}): ServiceSummary {
  return {
    namespace,
    name,
    type: 'ClusterIP',
    headless: false,
    clusterIP: '10.96.0.10',
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: null }],
    selector: { app: name },
    readiness: { state: 'ready', ready: 1, notReady: 0, reasons: [] },
    proxyUrls: [],
    external: [],
    created: null,
    ...more,
  };
}
