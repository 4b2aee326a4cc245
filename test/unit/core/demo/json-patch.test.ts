import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../electron/core/demo/api-status.ts';
import { jsonPatch, mergePatch } from '../../../../electron/core/demo/json-patch.ts';

describe('patches', () => {
  it('merge patch sets, replaces and deletes with null (RFC 7386)', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1] }, { a: null, b: { c: 9 }, l: [2], n: 'x' })).toEqual({
      b: { c: 9, d: 3 },
      l: [2],
      n: 'x',
    });
  });

  it('JSON patch adds, replaces, removes and tests (RFC 6902)', () => {
    const doc = { metadata: { labels: { a: '1' } }, list: [1, 2] };
    const out = jsonPatch(doc, [
      { op: 'add', path: '/metadata/labels/b~1c', value: '2' },
      { op: 'replace', path: '/list/0', value: 9 },
      { op: 'add', path: '/list/-', value: 3 },
      { op: 'remove', path: '/metadata/labels/a' },
      { op: 'test', path: '/list/1', value: 2 },
    ]);
    expect(out).toEqual({ metadata: { labels: { 'b/c': '2' } }, list: [9, 2, 3] });
    expect(doc.list).toEqual([1, 2]);
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/nope' }])).toThrow(ApiError);
    expect(() => jsonPatch(doc, { op: 'add' })).toThrow(ApiError);
  });
});
