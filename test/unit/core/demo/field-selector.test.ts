import { describe, expect, it } from 'vitest';
import { R } from '../../../../electron/core/demo/api-resources.ts';
import { parseFieldSelector, singleName } from '../../../../electron/core/demo/field-selector.ts';
import { SelectorError } from '../../../../electron/core/kube/label-selector.ts';

const pod = { metadata: { name: 'p', namespace: 'shop' }, spec: { nodeName: 'n1' }, status: { phase: 'Running' } };

describe('field selectors', () => {
  it('matches the supported fields with =, == and !=', () => {
    expect(parseFieldSelector('metadata.name=p', R.pods).matches(pod)).toBe(true);
    expect(parseFieldSelector('status.phase!=Running', R.pods).matches(pod)).toBe(false);
    expect(parseFieldSelector('spec.nodeName==n1,metadata.namespace=shop', R.pods).matches(pod)).toBe(true);
    expect(parseFieldSelector('spec.hostNetwork=false', R.pods).matches(pod)).toBe(true);
  });

  it('rejects unsupported fields with the apiserver message', () => {
    expect(() => parseFieldSelector('spec.nodeName=x', R.services)).toThrow(new SelectorError('field label not supported: spec.nodeName'));
    expect(() => parseFieldSelector('nonsense', R.pods)).toThrow(/invalid selector/);
  });

  it('recognises a single-name selector (kubectl watches one object that way)', () => {
    expect(singleName(parseFieldSelector('metadata.name=web', R.services))).toBe('web');
    expect(singleName(parseFieldSelector('metadata.name!=web', R.services))).toBeUndefined();
  });
});
