import { describe, expect, it } from 'vitest';
import { formatForwardTarget, parseForwardTarget } from '../../../../electron/core/forward/forward-target.ts';

describe('parseForwardTarget (docs/port-forward.md, Arguments)', () => {
  it('defaults TYPE to pod for a bare name', () => {
    expect(parseForwardTarget('web-1')).toEqual({ kind: 'pod', name: 'web-1' });
  });

  it.each([
    ['pod/web', 'pod'],
    ['pods/web', 'pod'],
    ['po/web', 'pod'],
    ['svc/web', 'service'],
    ['service/web', 'service'],
    ['services/web', 'service'],
    ['deploy/web', 'deployment'],
    ['deployment/web', 'deployment'],
    ['deployments.apps/web', 'deployment'],
  ])('takes %s as a %s', (arg, kind) => {
    expect(parseForwardTarget(arg)).toEqual({ kind, name: 'web' });
  });

  it("rejects an empty type or name with kubectl's text", () => {
    expect(() => parseForwardTarget('pod/')).toThrow('arguments in resource/name form must have a single resource and name');
    expect(() => parseForwardTarget('/web')).toThrow('arguments in resource/name form must have a single resource and name');
    expect(() => parseForwardTarget('a/b/c')).toThrow('may not have more than one slash');
  });

  it('names kinds KubeDesk does not forward to, and unknown types as kubectl does', () => {
    expect(() => parseForwardTarget('sts/db')).toThrow('forwarding to sts is not supported: use pod/NAME, svc/NAME or deploy/NAME');
    expect(() => parseForwardTarget('frob/x')).toThrow(`the server doesn't have a resource type "frob"`);
  });

  it('formats the canonical short form', () => {
    expect(formatForwardTarget(parseForwardTarget('service/web'))).toBe('svc/web');
    expect(formatForwardTarget(parseForwardTarget('deployment/api'))).toBe('deploy/api');
    expect(formatForwardTarget(parseForwardTarget('web-1'))).toBe('pod/web-1');
  });
});
