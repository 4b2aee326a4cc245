// The create-only review resources: SelfSubjectReview (who am I, as `kubectl auth whoami`
// asks) and SelfSubjectAccessReview (`kubectl auth can-i`): everything is allowed except exec
// and attach, since the demo cluster runs no containers, and whatever a fault denies (docs/doctor.md, Demo faults).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { groupVersion } from './api-resources.ts';
import { badRequest, sendJson } from './api-status.ts';
import type { UserInfo } from './demo-auth.ts';
import { checkBody, WRITE_TYPES, type ResourceDeps, type ResourceRequest } from './resource-request.ts';
import { readObject } from './request-body.ts';

export async function answerReview(
  d: ResourceDeps,
  req: IncomingMessage,
  res: ServerResponse,
  rr: ResourceRequest,
  user: UserInfo,
): Promise<void> {
  const { body } = await readObject(req, [...WRITE_TYPES, 'application/vnd.kubernetes.protobuf']);
  if (Array.isArray(body)) throw badRequest('json: cannot unmarshal array into Go value of type struct');
  checkBody(rr, body);
  const created = d
    .now()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
  if (rr.def.name === 'selfsubjectreviews') {
    sendJson(res, 201, {
      kind: 'SelfSubjectReview',
      apiVersion: groupVersion(rr.def),
      metadata: { creationTimestamp: created },
      status: {
        userInfo: {
          username: user.username,
          ...(user.uid ? { uid: user.uid } : {}),
          groups: user.groups,
          ...(Object.keys(user.extra).length ? { extra: user.extra } : {}),
        },
      },
    });
    return;
  }
  const spec = (body['spec'] ?? {}) as {
    resourceAttributes?: { resource?: string; subresource?: string; verb?: string };
    nonResourceAttributes?: unknown;
  };
  const ra = spec.resourceAttributes;
  const fault =
    ra && user.denied.find((d) => d.verb === ra.verb && d.resource === ra.resource && (d.subresource ?? '') === (ra.subresource ?? ''));
  if (fault) {
    sendJson(res, 201, {
      kind: 'SelfSubjectAccessReview',
      apiVersion: groupVersion(rr.def),
      metadata: { creationTimestamp: created },
      spec,
      status: { allowed: false, reason: 'RBAC: no role grants it (a demo fault)' },
    });
    return;
  }
  const denied = ra && ra.resource === 'pods' && (ra.subresource === 'exec' || ra.subresource === 'attach');
  sendJson(res, 201, {
    kind: 'SelfSubjectAccessReview',
    apiVersion: groupVersion(rr.def),
    metadata: { creationTimestamp: created },
    spec,
    status: denied
      ? { allowed: false, denied: true, reason: 'the demo cluster runs no containers, so exec and attach are not supported' }
      : {
          allowed: true,
          reason: 'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"',
        },
  });
}
