import { describe, expect, it } from 'vitest';
import {
  formatSelector,
  mapSelects,
  parseLabelSelector,
  SelectorError,
  specSelects,
} from '../../../../electron/core/demo/label-selector.ts';

describe('label selectors (apimachinery syntax)', () => {
  it.each([
    ['app=web', { app: 'web' }, true],
    ['app==web', { app: 'web' }, true],
    ['app!=web', { app: 'web' }, false],
    ['app!=web', {}, true],
    ['app in (web,api)', { app: 'api' }, true],
    ['app notin (web,api)', { app: 'db' }, true],
    ['app notin (web,api)', { app: 'web' }, false],
    ['tier', { tier: 'x' }, true],
    ['!tier', { tier: 'x' }, false],
    ['app=web,tier=frontend', { app: 'web', tier: 'backend' }, false],
    ['kubernetes.io/cluster-service=true', { 'kubernetes.io/cluster-service': 'true' }, true],
    ['', { any: 'thing' }, true],
  ])('%s matches %j → %s', (sel, labels, want) => {
    expect(parseLabelSelector(sel).matches(labels)).toBe(want);
  });

  it.each(['app===web', 'app in web', 'app in ()', '((((', 'a=b=c', '-bad=x', 'app=in valid', 'x>y'])(
    'rejects %s with a SelectorError',
    (sel) => {
      expect(() => parseLabelSelector(sel)).toThrow(SelectorError);
    },
  );

  it('reports an invalid value the way the apiserver words it', () => {
    expect(() => parseLabelSelector('app=-web')).toThrow(/^unable to parse requirement: values\[0\]\[app\]: Invalid value: "-web"/);
  });

  it('a service selector selects nothing when empty; a workload selector honours expressions', () => {
    expect(mapSelects({}, { app: 'web' })).toBe(false);
    expect(mapSelects({ app: 'web' }, { app: 'web', x: 'y' })).toBe(true);
    expect(
      specSelects(
        { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] },
        { app: 'web', tier: 'db' },
      ),
    ).toBe(false);
    expect(formatSelector({ a: '1', b: '2' })).toBe('a=1,b=2');
  });
});
