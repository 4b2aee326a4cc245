import { describe, expect, it } from 'vitest';
import { negotiate } from '../../../../electron/core/demo/media-type.ts';

describe('Accept negotiation', () => {
  it('prefers the first acceptable entry and never offers protobuf', () => {
    expect(
      negotiate('application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json', {
        transformable: true,
      }),
    ).toEqual({ as: 'table', apiVersion: 'meta.k8s.io/v1' });
    expect(negotiate('application/vnd.kubernetes.protobuf,application/json', { transformable: true })).toEqual({ as: 'json' });
    expect(negotiate('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', { transformable: true })).toEqual({
      as: 'metadata',
      apiVersion: 'meta.k8s.io/v1',
    });
    expect(negotiate(undefined, { transformable: true })).toEqual({ as: 'json' });
    expect(negotiate('*/*', { transformable: false })).toEqual({ as: 'json' });
  });

  it('answers undefined (406) when nothing is acceptable', () => {
    expect(negotiate('application/vnd.kubernetes.protobuf', { transformable: true })).toBeUndefined();
    expect(negotiate('application/json;as=Table;v=v2;g=meta.k8s.io', { transformable: true })).toBeUndefined();
  });
});
