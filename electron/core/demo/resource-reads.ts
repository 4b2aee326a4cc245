// The read verbs: list (selectors, limit/continue, Table/metadata answers), watch (handed to
// the WatchHub) and get.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { groupVersion } from './api-resources.ts';
import { badRequest, sendJson } from './api-status.ts';
import { singleName } from './field-selector.ts';
import type { KubeObject } from '../kube/kube-objects.ts';
import { present } from './resource-answer.ts';
import { answerFor, include, missing, selectors, type ResourceDeps, type ResourceRequest } from './resource-request.ts';
import { toTable } from './table-convert.ts';

function encodeContinue(rv: number, key: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: key + '\u0000' })).toString('base64');
}

function decodeContinue(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { start?: unknown };
    if (typeof parsed.start !== 'string') throw new Error('no start');
    return parsed.start;
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

function objKey(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

export function listResource(d: ResourceDeps, req: IncomingMessage, res: ServerResponse, rr: ResourceRequest, url: URL): void {
  const answer = answerFor(req);
  const sel = selectors(url, rr.def);
  const watch = url.searchParams.get('watch');
  if (watch === 'true' || watch === '1') {
    const timeout = Number(url.searchParams.get('timeoutSeconds') ?? '0');
    const rv = url.searchParams.get('resourceVersion') ?? undefined;
    d.hub.serve(res, {
      def: rr.def,
      key: rr.key,
      ...(rr.namespace !== undefined ? { namespace: rr.namespace } : {}),
      ...sel,
      ...(rv !== undefined ? { resourceVersion: rv } : {}),
      answer,
      include: include(url),
      ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutSeconds: timeout } : {}),
      allowBookmarks: url.searchParams.get('allowWatchBookmarks') === 'true',
      sendInitialEvents: url.searchParams.get('sendInitialEvents') === 'true',
    });
    return;
  }
  const { store } = d;
  const rv = store.resourceVersion;
  const only = singleName(sel.fields);
  let items: KubeObject[];
  if (only !== undefined) {
    if (rr.def.namespaced && rr.namespace === undefined) {
      items = store.list(rr.key).filter((o) => o.metadata.name === only);
    } else {
      const o = store.get(rr.key, rr.namespace, only);
      items = o ? [o] : [];
    }
  } else {
    items = rr.namespace !== undefined ? store.list(rr.key, rr.namespace) : store.list(rr.key);
  }
  if (sel.labels || sel.fields)
    items = items.filter((o) => (!sel.labels || sel.labels.matches(o.metadata.labels)) && (!sel.fields || sel.fields.matches(o)));
  const cont = url.searchParams.get('continue');
  if (cont) {
    const start = decodeContinue(cont);
    items = items.filter((o) => objKey(o) + '\u0000' > start);
  }
  const limit = Number(url.searchParams.get('limit') ?? '0');
  let continueToken: string | undefined;
  let remaining: number | undefined;
  if (Number.isInteger(limit) && limit > 0 && items.length > limit) {
    remaining = items.length - limit;
    items = items.slice(0, limit);
    continueToken = encodeContinue(rv, objKey(items[items.length - 1]!));
  }
  const meta = {
    resourceVersion: String(rv),
    ...(continueToken ? { continue: continueToken } : {}),
    ...(remaining && !sel.labels && !sel.fields ? { remainingItemCount: remaining } : {}),
  };
  if (answer.as === 'table') {
    sendJson(
      res,
      200,
      toTable(rr.def, rr.key, items, {
        apiVersion: answer.apiVersion,
        resourceVersion: String(rv),
        ...(continueToken ? { continueToken } : {}),
        ...(meta.remainingItemCount ? { remaining: meta.remainingItemCount } : {}),
        include: include(url),
        now: d.now().getTime(),
      }),
    );
    return;
  }
  if (answer.as === 'metadata') {
    sendJson(res, 200, {
      kind: 'PartialObjectMetadataList',
      apiVersion: answer.apiVersion,
      metadata: meta,
      items: items.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: answer.apiVersion, metadata: o.metadata })),
    });
    return;
  }
  sendJson(
    res,
    200,
    `{"kind":${JSON.stringify(rr.def.listKind)},"apiVersion":${JSON.stringify(groupVersion(rr.def))},"metadata":${JSON.stringify(meta)},"items":${JSON.stringify(items)}}`,
  );
}

export function getResource(d: ResourceDeps, req: IncomingMessage, res: ServerResponse, rr: ResourceRequest, url: URL): void {
  const answer = answerFor(req);
  const o = d.store.get(rr.key, rr.namespace, rr.name!);
  if (!o) throw missing(rr.def, rr.name!);
  present(d, res, rr, answer, url, o);
}
