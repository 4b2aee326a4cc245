// A KubeDeskClient for renderer state tests: each channel answers what the test sets, every
// call is recorded, and `emit` pushes an event to the live subscribers. A channel without an
// answer fails with `internal`, so a test notices a call it did not expect.
import type { Channel, EventChannel, IpcEvents, KubeDeskClient, Req, Res, Result } from '../../electron/shared/ipc-contract.ts';

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
