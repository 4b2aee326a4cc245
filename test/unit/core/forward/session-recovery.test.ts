// The periodic health check of Active forwards (docs/port-forward.md, Pod loss; Idle cost): every
// forward is still checked once a period, and all of them in one pass of one timer, so a hundred
// idle forwards wake the process once a period. Real listeners and a real echo backend; the fake
// backend counts the checks (each a GET of the pod while no SPDY connection answers pings).
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { ForwardSession } from '../../../../electron/core/forward/forward-session.ts';
import { parseListenAddresses } from '../../../../electron/core/forward/listen-addresses.ts';
import type { Pod } from '../../../../electron/core/kube/kube-objects.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { FakeForwardBackend } from '../../../fakes/fake-forward-backend.ts';
import { startEchoBackend } from '../../../fakes/tcp-backends.ts';
import { passRecorder } from '../../../support/timer-passes.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A fake backend that reports each pod GET of the health check. */
class CheckedBackend extends FakeForwardBackend {
  readonly onCheck: () => void;

  constructor(port: number, onCheck: () => void) {
    super([{ name: 'web-a', backend: port }]);
    this.onCheck = onCheck;
  }

  override podStatus(name: string): Promise<Pod | undefined> {
    this.onCheck();
    return super.podStatus(name);
  }
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await sleep(10);
  expect(cond()).toBe(true);
}

it('checks every Active forward once a period, all of them in one pass of one timer', async () => {
  const echo = await startEchoBackend();
  cleanups.push(() => echo.dispose());
  // Forwards on timers of their own would be checked in passes of one (test/support/timer-passes.ts).
  const { passes, ran: checked } = passRecorder<number>();
  const count = 12;
  for (let i = 0; i < count; i++) {
    const session = new ForwardSession({
      backend: new CheckedBackend(echo.port, () => checked(i)),
      addresses: parseListenAddresses(['127.0.0.1']),
      log: silentLogger,
      healthIntervalMs: 30,
    });
    cleanups.push(() => session.stop());
    await session.start();
    expect(session.state).toBe('active');
    // The next forward starts only once a check ran: a timer of its own would tick at another moment.
    const seen = passes.length;
    await until(() => passes.length > seen);
  }
  const all = Array.from({ length: count }, (_, i) => i);
  const started = passes.length;
  await until(() => passes.length >= started + 3);
  for (const pass of passes.slice(started)) expect(pass).toEqual(all);
});
