// One timer per period for every member (shared-interval.ts): members that joined at different
// moments run in the same pass, each once per pass. Node drains microtasks between two timers'
// callbacks, so a pass is what runs before a microtask queued by its first member.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { onSharedInterval } from '../../../../electron/core/forward/shared-interval.ts';
import { passRecorder } from '../../../support/timer-passes.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await sleep(10);
  expect(cond()).toBe(true);
}

it('runs members that joined at different moments in one pass of one timer, each once per pass', async () => {
  const p = passRecorder<string>();
  for (const name of ['a', 'b', 'c']) {
    const seen = p.passes.length;
    cleanups.push(onSharedInterval(20, () => p.ran(name)));
    // The next member joins only after a pass ran: a timer of its own would tick at another moment.
    await until(() => p.passes.length > seen);
  }
  const joined = p.passes.length;
  await until(() => p.passes.length >= joined + 3);
  for (const pass of p.passes.slice(joined)) expect(pass).toEqual(['a', 'b', 'c']);
});

it('a member that leaves, even during a pass, runs no more; the others keep running', async () => {
  const p = passRecorder<string>();
  let leaveB = (): void => {};
  let leaveC = (): void => {};
  cleanups.push(
    onSharedInterval(25, () => {
      p.ran('a');
      // 'a' runs first in each pass: it removes members that would still run in this one.
      if (p.passes.length === 2) leaveC();
      if (p.passes.length === 3) {
        leaveB();
        leaveB(); // idempotent
      }
    }),
  );
  leaveB = onSharedInterval(25, () => p.ran('b'));
  leaveC = onSharedInterval(25, () => p.ran('c'));
  await until(() => p.passes.length >= 5);
  expect(p.passes.slice(0, 5)).toEqual([['a', 'b', 'c'], ['a', 'b'], ['a'], ['a'], ['a']]);
});

it('keeps each period on its own timer, and starts afresh once every member of a period left', async () => {
  const p = passRecorder<string>();
  const leave = onSharedInterval(15, () => p.ran('fast'));
  cleanups.push(onSharedInterval(40, () => p.ran('slow')));
  await until(() => p.passes.flat().includes('slow') && p.passes.flat().includes('fast'));
  leave();
  const fast = p.passes.flat().filter((n) => n === 'fast').length;
  for (const pass of p.passes) expect(pass.length).toBe(1);
  // A member joining the period now gets a timer again (the old one is gone with its last member).
  const again: string[] = [];
  cleanups.push(onSharedInterval(15, () => again.push('fast again')));
  await until(() => again.length >= 2);
  expect(p.passes.flat().filter((n) => n === 'fast')).toHaveLength(fast);
});
