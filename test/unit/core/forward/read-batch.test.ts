import { setImmediate as nextCheck } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ReadBatch } from '../../../../electron/core/forward/read-batch.ts';

const read = (n: number, fill = 1) => Buffer.alloc(n, fill);

function recorder(max: number): { batch: ReadBatch; sent: number[][] } {
  const sent: number[][] = [];
  const batch = new ReadBatch(max, (parts, length) => {
    expect(length).toBe(parts.reduce((n, p) => n + p.length, 0));
    sent.push(parts.map((p) => p.length));
  });
  return { batch, sent };
}

describe('ReadBatch', () => {
  it('sends the reads of one turn together, in the check phase, in order', async () => {
    const { batch, sent } = recorder(100);
    batch.add(read(10, 1));
    batch.add(read(20, 2));
    expect(sent).toEqual([]);
    await nextCheck();
    expect(sent).toEqual([[10, 20]]);
    batch.add(read(5));
    await nextCheck();
    expect(sent).toEqual([[10, 20], [5]]);
  });

  it('sends at once on reaching max, and never goes past it with another read', async () => {
    const { batch, sent } = recorder(100);
    batch.add(read(60));
    batch.add(read(50)); // 110 > 100: the 60 leaves first
    expect(sent).toEqual([[60]]);
    batch.add(read(50)); // exactly 100: leaves at once
    expect(sent).toEqual([[60], [50, 50]]);
    batch.add(read(250)); // larger than max: alone
    expect(sent).toEqual([[60], [50, 50], [250]]);
    await nextCheck();
    expect(sent).toHaveLength(3);
  });

  it('flush sends what is batched now, and the pending check-phase send finds nothing', async () => {
    const { batch, sent } = recorder(100);
    batch.add(read(30));
    batch.flush();
    expect(sent).toEqual([[30]]);
    batch.flush();
    await nextCheck();
    expect(sent).toEqual([[30]]);
  });
});
