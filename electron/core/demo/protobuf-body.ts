// kubectl's typed clients (`auth whoami`, `auth can-i`) send request bodies as Kubernetes
// protobuf: the magic `k8s\0`, then a runtime.Unknown {typeMeta, raw}. The demo answers in JSON
// (clients decode by the response's Content-Type) and only needs a few fields of the review
// objects, so a minimal wire-format reader is enough.

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Field = Buffer | number;

export function isK8sProtobuf(body: Buffer): boolean {
  return body.length >= 4 && body.subarray(0, 4).equals(MAGIC);
}

function varint(buf: Buffer, pos: { i: number }): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos.i >= buf.length) throw new Error('truncated varint');
    const b = buf[pos.i++]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return result;
    shift += 7;
    if (shift > 63) throw new Error('varint too long');
  }
}

/** Field number → values (length-delimited as Buffer, varints as number). */
function decodeMessage(buf: Buffer): Map<number, Field[]> {
  const out = new Map<number, Field[]>();
  const pos = { i: 0 };
  while (pos.i < buf.length) {
    const key = varint(buf, pos);
    const field = Math.floor(key / 8);
    const wire = key & 7;
    let value: Field;
    if (wire === 0) value = varint(buf, pos);
    else if (wire === 2) {
      const len = varint(buf, pos);
      if (pos.i + len > buf.length) throw new Error('truncated field');
      value = buf.subarray(pos.i, pos.i + len);
      pos.i += len;
    } else if (wire === 1) {
      value = buf.subarray(pos.i, pos.i + 8);
      pos.i += 8;
    } else if (wire === 5) {
      value = buf.subarray(pos.i, pos.i + 4);
      pos.i += 4;
    } else throw new Error(`unsupported wire type ${wire}`);
    out.set(field, [...(out.get(field) ?? []), value]);
  }
  return out;
}

function str(m: Map<number, Field[]>, n: number): string | undefined {
  const v = m.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString('utf8') : undefined;
}

function sub(m: Map<number, Field[]>, n: number): Map<number, Field[]> | undefined {
  const v = m.get(n)?.[0];
  return Buffer.isBuffer(v) ? decodeMessage(v) : undefined;
}

/** Decodes a SelfSubjectReview / SelfSubjectAccessReview request into its JSON shape. */
export function decodeReview(body: Buffer): Record<string, unknown> {
  const unknown = decodeMessage(body.subarray(4));
  const typeMeta = sub(unknown, 1);
  const raw = unknown.get(2)?.[0];
  const obj: Record<string, unknown> = {
    ...(typeMeta ? { apiVersion: str(typeMeta, 1), kind: str(typeMeta, 2) } : {}),
  };
  if (!Buffer.isBuffer(raw)) return obj;
  const review = decodeMessage(raw);
  const spec = sub(review, 2);
  if (spec) {
    const ra = sub(spec, 1);
    const nra = sub(spec, 2);
    const out: Record<string, unknown> = {};
    if (ra) {
      const names = ['', 'namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'];
      const attrs: Record<string, string> = {};
      for (let i = 1; i < names.length; i++) {
        const v = str(ra, i);
        if (v !== undefined) attrs[names[i]!] = v;
      }
      out['resourceAttributes'] = attrs;
    }
    if (nra) out['nonResourceAttributes'] = { path: str(nra, 1) ?? '', verb: str(nra, 2) ?? '' };
    obj['spec'] = out;
  }
  return obj;
}
