import { describe, expect, it } from 'vitest';
import { decodeReview, isK8sProtobuf } from '../../../../electron/core/demo/protobuf-body.ts';

function field(n: number, value: Buffer | string): Buffer {
  const v = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.concat([Buffer.from([(n << 3) | 2, v.length]), v]);
}

describe('Kubernetes protobuf request bodies', () => {
  it('decodes a SelfSubjectAccessReview envelope into its JSON shape', () => {
    const ra = Buffer.concat([field(1, 'shop'), field(2, 'create'), field(5, 'pods'), field(6, 'exec')]);
    const review = field(2, field(1, ra));
    const typeMeta = Buffer.concat([field(1, 'authorization.k8s.io/v1'), field(2, 'SelfSubjectAccessReview')]);
    const body = Buffer.concat([Buffer.from('k8s\0', 'latin1'), field(1, typeMeta), field(2, review)]);
    expect(isK8sProtobuf(body)).toBe(true);
    expect(decodeReview(body)).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { namespace: 'shop', verb: 'create', resource: 'pods', subresource: 'exec' } },
    });
  });

  it('rejects truncated input', () => {
    expect(isK8sProtobuf(Buffer.from('{}'))).toBe(false);
    expect(() => decodeReview(Buffer.concat([Buffer.from('k8s\0', 'latin1'), Buffer.from([0x12, 0x40, 1])]))).toThrow(/truncated/);
  });
});
