// PATCH bodies: JSON merge patch (RFC 7386; also used for strategic merge and apply patches,
// which for the demo's objects amounts to the same) and JSON patch (RFC 6902).
import { badRequest, ApiError } from './api-status.ts';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k.startsWith('$setElementOrder/') || k.startsWith('$retainKeys')) continue;
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function unescape(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parent(doc: unknown, path: string): { container: Record<string, unknown> | unknown[]; key: string } {
  if (!path.startsWith('/'))
    throw badRequest(`the server rejected our request due to an error in our request: invalid JSON pointer "${path}"`);
  const segs = path.slice(1).split('/').map(unescape);
  const key = segs.pop()!;
  let cur: unknown = doc;
  for (const s of segs) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isObject(cur)) cur = cur[s];
    else cur = undefined;
    if (cur === undefined) throw new ApiError(422, 'Invalid', `jsonpatch: path ${path} does not exist`);
  }
  if (!Array.isArray(cur) && !isObject(cur)) throw new ApiError(422, 'Invalid', `jsonpatch: path ${path} does not exist`);
  return { container: cur, key };
}

export function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  const out: unknown = structuredClone(doc);
  for (const raw of ops) {
    if (!isObject(raw)) throw badRequest('invalid JSON patch operation');
    const op = String(raw['op'] ?? '');
    const path = String(raw['path'] ?? '');
    const { container, key } = parent(out, path);
    if (Array.isArray(container)) {
      const i = key === '-' ? container.length : Number(key);
      if (op === 'add') container.splice(i, 0, raw['value']);
      else if (op === 'remove') container.splice(i, 1);
      else if (op === 'replace') container[i] = raw['value'];
      else if (op === 'test') {
        if (JSON.stringify(container[i]) !== JSON.stringify(raw['value']))
          throw new ApiError(422, 'Invalid', `jsonpatch: test failed for ${path}`);
      } else throw badRequest(`unsupported JSON patch operation "${op}"`);
    } else {
      if (op === 'add' || op === 'replace') {
        if (op === 'replace' && !(key in container))
          throw new ApiError(422, 'Invalid', `jsonpatch replace operation does not apply: doc is missing key: ${path}`);
        container[key] = raw['value'];
      } else if (op === 'remove') {
        if (!(key in container))
          throw new ApiError(422, 'Invalid', `jsonpatch remove operation does not apply: doc is missing key: ${path}`);
        delete container[key];
      } else if (op === 'test') {
        if (JSON.stringify(container[key]) !== JSON.stringify(raw['value']))
          throw new ApiError(422, 'Invalid', `jsonpatch: test failed for ${path}`);
      } else throw badRequest(`unsupported JSON patch operation "${op}"`);
    }
  }
  return out;
}
