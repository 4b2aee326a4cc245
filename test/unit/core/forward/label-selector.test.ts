import { describe, expect, it } from 'vitest';
import { deploymentSelector, formatLabelSelector, serviceSelector } from '../../../../electron/core/forward/label-selector.ts';

describe('label selectors (kubectl SelectorsForObject)', () => {
  it('a service selector, keys sorted', () => {
    expect(serviceSelector({ metadata: { name: 'web' }, spec: { selector: { tier: 'front', app: 'web' } } })).toBe('app=web,tier=front');
  });

  it("a service without a selector is kubectl's error (SPEC §2.2, conformance 35)", () => {
    expect(() => serviceSelector({ metadata: { name: 'ext' }, spec: {} })).toThrow(
      "invalid service 'ext': Service is defined without a selector",
    );
    expect(() => serviceSelector({ metadata: { name: 'ext' }, spec: { selector: {} } })).toThrow('Service is defined without a selector');
  });

  it('a deployment selector with expressions', () => {
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
});
