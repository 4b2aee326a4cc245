// Content negotiation the way kube-apiserver does it for JSON: the first acceptable entry of
// `Accept` wins; `as=Table` and `as=PartialObjectMetadata[List]` (g=meta.k8s.io, v=v1 or v1beta1)
// transform the answer; protobuf is never offered, so kubectl falls through to JSON.

export type Answer = { as: 'json' } | { as: 'table'; apiVersion: string } | { as: 'metadata'; apiVersion: string };

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parse(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => {
      const [type, ...params] = part.split(';').map((s) => s.trim());
      const p: Record<string, string> = {};
      for (const kv of params) {
        const eq = kv.indexOf('=');
        if (eq > 0)
          p[kv.slice(0, eq).trim().toLowerCase()] = kv
            .slice(eq + 1)
            .trim()
            .replace(/^"|"$/g, '');
      }
      return { type: (type ?? '').toLowerCase(), params: p };
    })
    .filter((m) => m.type !== '');
}

/** `undefined` = 406 Not Acceptable. */
export function negotiate(accept: string | undefined, opts: { transformable: boolean }): Answer | undefined {
  if (!accept || accept.trim() === '') return { as: 'json' };
  for (const m of parse(accept)) {
    if (m.params['q'] === '0') continue;
    const jsonish = m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*';
    if (!jsonish) continue;
    const as = m.params['as'];
    if (!as) return { as: 'json' };
    if (!opts.transformable) continue;
    const g = m.params['g'];
    const v = m.params['v'];
    if (g !== 'meta.k8s.io' || (v !== 'v1' && v !== 'v1beta1')) continue;
    if (as === 'Table') return { as: 'table', apiVersion: `meta.k8s.io/${v}` };
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { as: 'metadata', apiVersion: `meta.k8s.io/${v}` };
  }
  return undefined;
}
