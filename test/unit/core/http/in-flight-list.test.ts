// The list of what a server has in flight (in-flight-list.ts): adding, removing, destroying all,
// and that a finished item is not kept alive into the old generation, as a Set's outgrown hash
// tables keep theirs (docs/proxy.md, Memory).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InFlightList } from '../../../../electron/core/http/in-flight-list.ts';

const MODULE = join(import.meta.dirname, '../../../../electron/core/http/in-flight-list.ts');

function item(log: string[], name: string): { name: string; destroy(): void } {
  return { name, destroy: () => void log.push(name) };
}

describe('InFlightList', () => {
  it('adds and removes items in any order; a second removal does nothing', () => {
    const list = new InFlightList<{ name: string; destroy(): void }>();
    const log: string[] = [];
    const removeA = list.add(item(log, 'a'));
    const removeB = list.add(item(log, 'b'));
    const removeC = list.add(item(log, 'c'));
    expect(list.size).toBe(3);
    removeB();
    removeB();
    expect(list.size).toBe(2);
    removeC();
    removeA();
    expect(list.size).toBe(0);
    list.destroyAll();
    expect(log).toEqual([]);
  });

  it('destroys every item once, also when an item removes itself while being destroyed', () => {
    const list = new InFlightList<{ destroy(): void }>();
    const log: string[] = [];
    const removers: Array<() => void> = [];
    for (const name of ['a', 'b', 'c', 'd']) {
      const remove = list.add({ destroy: () => (log.push(name), remove()) });
      removers.push(remove);
    }
    removers[1]!();
    list.destroyAll();
    expect(log.sort()).toEqual(['a', 'c', 'd']);
    expect(list.size).toBe(0);
    list.destroyAll();
    expect(log).toHaveLength(3);
    // Added after destroyAll: tracked afresh.
    list.add(item(log, 'e'));
    expect(list.size).toBe(1);
  });

  // In a child Node with V8's gc(): the tracker is made old first, as a server's is after a while;
  // then items come and go with 32 in flight, each holding ~2 KB of objects, and scavenges run.
  // The old generation's growth per item shows what finished items were promoted. A Set is the
  // control: its outgrown tables keep their items, so this test can tell the two apart.
  it('does not promote finished items to the old generation, where a Set does', () => {
    const script = `
      import v8 from 'node:v8';
      const { InFlightList } = await import(${JSON.stringify(MODULE)});
      const kind = process.argv[1];
      const set = new Set();
      const list = new InFlightList();
      const track = kind === 'set' ? (r) => (set.add(r), () => set.delete(r)) : (r) => list.add(r);
      const ring = new Array(32).fill(undefined);
      gc(); gc();
      const old = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_used_size;
      const before = old();
      let n = 0;
      for (let round = 0; round < 20; round++) {
        for (let k = 0; k < 200; k++) {
          const slot = n++ % 32;
          ring[slot]?.();
          const objects = [];
          for (let i = 0; i < 50; i++) objects.push({ i });
          ring[slot] = track({ objects, destroy() {} });
        }
        gc({ type: 'minor' });
      }
      gc({ type: 'minor' }); gc({ type: 'minor' });
      process.stdout.write(String(Math.round((old() - before) / n)));
    `;
    const promotedPerItem = (kind: string): number =>
      Number(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script, kind], { encoding: 'utf8' }));
    const withSet = promotedPerItem('set');
    const withList = promotedPerItem('list');
    expect(withSet).toBeGreaterThan(1000);
    expect(withList).toBeLessThan(200);
  });
});
