// How a stored object goes back to the client: with kind and apiVersion, as a Table, or as
// PartialObjectMetadata, per the Accept header the request negotiated.
import type { ServerResponse } from 'node:http';
import type { ResourceDef } from './api-resource-table.ts';
import { groupVersion } from './api-resources.ts';
import { sendJson } from './api-status.ts';
import type { KubeObject } from '../kube/kube-objects.ts';
import type { Answer } from './media-type.ts';
import { include, type ResourceDeps, type ResourceRequest } from './resource-request.ts';
import { toTable } from './table-convert.ts';

export function typed(def: ResourceDef, o: KubeObject): KubeObject {
  return { kind: def.kind, apiVersion: groupVersion(def), ...o };
}

export function present(
  d: ResourceDeps,
  res: ServerResponse,
  rr: ResourceRequest,
  answer: Answer,
  url: URL,
  o: KubeObject,
  code = 200,
): void {
  if (answer.as === 'table') {
    sendJson(
      res,
      code,
      toTable(rr.def, rr.key, [o], {
        apiVersion: answer.apiVersion,
        resourceVersion: o.metadata.resourceVersion ?? '',
        include: include(url),
        now: d.now().getTime(),
      }),
    );
  } else if (answer.as === 'metadata') {
    sendJson(res, code, { kind: 'PartialObjectMetadata', apiVersion: answer.apiVersion, metadata: o.metadata });
  } else {
    sendJson(res, code, typed(rr.def, o));
  }
}
