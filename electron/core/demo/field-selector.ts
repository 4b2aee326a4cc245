// Field selectors (apimachinery/pkg/fields): `key=value`, `key==value`, `key!=value` joined by
// commas, over the few fields each resource supports; any other key is a 400
// `field label not supported: <key>` as from kube-apiserver.
import type { ResourceDef } from './api-resource-table.ts';
import type { KubeObject } from '../kube/kube-objects.ts';
import { SelectorError } from '../kube/label-selector.ts';

export interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

export interface FieldSelector {
  requirements: FieldRequirement[];
  matches(obj: KubeObject): boolean;
}

function fieldValue(obj: KubeObject, field: string): string {
  let cur: unknown = obj;
  for (const part of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return field === 'spec.hostNetwork' || field === 'spec.unschedulable' ? 'false' : '';
  return String(cur);
}

export function parseFieldSelector(input: string, resource: ResourceDef): FieldSelector {
  const requirements: FieldRequirement[] = [];
  const allowed = new Set(['metadata.name', 'metadata.namespace', ...(resource.fields ?? [])]);
  for (const term of input.split(',')) {
    if (term.trim() === '') continue;
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(term.trim());
    if (!m) throw new SelectorError(`invalid selector: '${input}'; can't understand '${term}'`);
    const field = m[1]!.trim();
    if (!allowed.has(field)) throw new SelectorError(`field label not supported: ${field}`);
    requirements.push({ field, value: m[3]!.trim(), negate: m[2] === '!=' });
  }
  return {
    requirements,
    matches: (obj) => requirements.every((r) => (fieldValue(obj, r.field) === r.value) !== r.negate),
  };
}

/** `metadata.name=X` alone (kubectl's single-object watch): the name, to skip a full scan. */
export function singleName(sel: FieldSelector | undefined): string | undefined {
  if (!sel || sel.requirements.length !== 1) return undefined;
  const r = sel.requirements[0]!;
  return r.field === 'metadata.name' && !r.negate ? r.value : undefined;
}
