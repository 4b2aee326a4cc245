import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from '../../../../renderer/src/lib/components/shell/fuzzy.ts';

describe('fuzzyScore', () => {
  it('matches the query as an in-order subsequence, case-insensitively', () => {
    expect(fuzzyScore('gtsvc', 'Go to Services')).not.toBeNull();
    expect(fuzzyScore('SHOP', 'open shop/web')).not.toBeNull();
    expect(fuzzyScore('cvs', 'Go to Services')).toBeNull();
    expect(fuzzyScore('webx', 'open shop/web')).toBeNull();
  });

  it('ranks a substring and word starts above a scattered match', () => {
    const substring = fuzzyScore('web', 'Open shop/web')!;
    const scattered = fuzzyScore('web', 'Open shop/kwexb')!;
    expect(substring).toBeGreaterThan(scattered);
    expect(fuzzyScore('pf', 'Go to Port forwards')!).toBeGreaterThan(fuzzyScore('pf', 'Open shop/upfront')!);
  });

  it('ignores spaces in the query and treats an empty one as matching all', () => {
    expect(fuzzyScore('go svc', 'Go to Services')).not.toBeNull();
    expect(fuzzyScore('  ', 'anything')).toBe(0);
  });
});

describe('fuzzyFilter', () => {
  const items = ['Go to Clusters', 'Go to Services', 'Open shop/web', 'Open shop/api', 'Start forward svc/web :80'];

  it('keeps only matches, best first, and keeps the input order among equals', () => {
    expect(fuzzyFilter(items, 'web', (s) => s)).toEqual(['Open shop/web', 'Start forward svc/web :80']);
    expect(fuzzyFilter(items, 'open', (s) => s)).toEqual(['Open shop/web', 'Open shop/api']);
    expect(fuzzyFilter(items, 'zzz', (s) => s)).toEqual([]);
  });

  it('returns everything (up to the limit) for an empty query', () => {
    expect(fuzzyFilter(items, '', (s) => s)).toEqual(items);
    expect(fuzzyFilter(items, '', (s) => s, 2)).toEqual(items.slice(0, 2));
  });
});
