import { describe, expect, it } from 'vitest';
import {
  deploymentSelector,
  formatLabelSelector,
  formatSelector,
  mapSelects,
  parseLabelSelector,
  SelectorError,
  serviceSelector,
  specSelects,
} from '../../../../electron/core/kube/label-selector.ts';

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

describe('selectors kubectl sends for a service or deployment (polymorphichelpers SelectorsForObject)', () => {
  it('formats a service selector with keys sorted', () => {
    expect(serviceSelector({ metadata: { name: 'web' }, spec: { selector: { tier: 'front', app: 'web' } } })).toBe('app=web,tier=front');
  });

  it("rejects a service without a selector with kubectl's error", () => {
    expect(() => serviceSelector({ metadata: { name: 'ext' }, spec: {} })).toThrow(
      "invalid service 'ext': Service is defined without a selector",
    );
    expect(() => serviceSelector({ metadata: { name: 'ext' }, spec: { selector: {} } })).toThrow('Service is defined without a selector');
  });

  it('formats a deployment selector with expressions, sorted by key, values sorted', () => {
    expect(
      deploymentSelector({
        metadata: { name: 'api' },
        spec: {
          selector: {
            matchLabels: { app: 'api' },
            matchExpressions: [
              { key: 'track', operator: 'In', values: ['stable', 'canary'] },
              { key: 'legacy', operator: 'DoesNotExist' },
              { key: 'env', operator: 'NotIn', values: ['dev'] },
              { key: 'zone', operator: 'Exists' },
            ],
          },
        },
      }),
    ).toBe('app=api,env notin (dev),!legacy,track in (canary,stable),zone');
    expect(() => formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Near' }] })).toThrow(
      'not a valid label selector operator',
    );
  });

  it('rejects a deployment without a selector', () => {
    expect(() => deploymentSelector({ metadata: { name: 'api' }, spec: {} })).toThrow("deployment 'api' has no selector");
  });

  it('formats an empty selector as the empty string, which selects every pod', () => {
    expect(formatLabelSelector({})).toBe('');
  });

  it('round-trips: what it formats, the parser accepts and matches', () => {
    const text = formatLabelSelector({
      matchLabels: { app: 'api' },
      matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }],
    });
    expect(parseLabelSelector(text).matches({ app: 'api', env: 'prod' })).toBe(true);
    expect(parseLabelSelector(text).matches({ app: 'api', env: 'dev' })).toBe(false);
  });
});
