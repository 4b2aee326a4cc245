// The REST verbs on stored resources, dispatched by method and path: reads (list, watch, get)
// in resource-reads.ts, writes (create, update, patch, delete, deletecollection) in
// resource-writes.ts, the review resources in resource-reviews.ts and the subresources in
// resource-subresources.ts. Errors are thrown as ApiError and written as Status by the router.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { methodNotAllowed } from './api-status.ts';
import type { UserInfo } from './demo-auth.ts';
import { getResource, listResource } from './resource-reads.ts';
import type { ResourceDeps, ResourceRequest } from './resource-request.ts';
import { answerReview } from './resource-reviews.ts';
import { handleSubresource } from './resource-subresources.ts';
import { createResource, deleteCollection, deleteResource, patchResource, updateResource } from './resource-writes.ts';

export class ResourceHandlers {
  #d: ResourceDeps;

  constructor(deps: ResourceDeps) {
    this.#d = deps;
  }

  async handle(req: IncomingMessage, res: ServerResponse, rr: ResourceRequest, user: UserInfo, url: URL): Promise<void> {
    const d = this.#d;
    const method = req.method ?? 'GET';
    if (rr.def.virtual) {
      if (method !== 'POST' || rr.name) throw methodNotAllowed(method);
      return answerReview(d, req, res, rr, user);
    }
    if (rr.sub) return handleSubresource(d, req, res, rr, user, url);
    if (!rr.name) {
      if (method === 'GET') return listResource(d, req, res, rr, url);
      if (method === 'POST') return createResource(d, req, res, rr, url);
      if (method === 'DELETE') return deleteCollection(d, req, res, rr, url);
      throw methodNotAllowed(method);
    }
    if (method === 'GET') return getResource(d, req, res, rr, url);
    if (method === 'PUT') return updateResource(d, req, res, rr, url);
    if (method === 'PATCH') return patchResource(d, req, res, rr, url);
    if (method === 'DELETE') return deleteResource(d, res, rr, url);
    throw methodNotAllowed(method);
  }
}
