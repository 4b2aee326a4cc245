// The `labelSelector` query for the pods of a service or deployment (kubectl polymorphichelpers
// SelectorsForObject; apimachinery labels.Selector.String()).
import { KubeDeskError } from '../errors.ts';
import type { Deployment, LabelSelector, Service } from './kube-types.ts';

export function serviceSelector(svc: Service): string {
  const sel = svc.spec?.selector;
  if (!sel || Object.keys(sel).length === 0) {
    throw new KubeDeskError('invalid-input', `invalid service '${svc.metadata.name ?? ''}': Service is defined without a selector`);
  }
  return formatLabelSelector({ matchLabels: sel });
}

export function deploymentSelector(d: Deployment): string {
  const sel = d.spec?.selector;
  if (!sel) throw new KubeDeskError('invalid-input', `invalid label selector: deployment '${d.metadata.name ?? ''}' has no selector`);
  return formatLabelSelector(sel);
}

/** metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key. */
export function formatLabelSelector(sel: LabelSelector): string {
  const reqs: Array<{ key: string; text: string }> = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort();
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, text: `${e.key} in (${values.join(',')})` });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, text: `${e.key} notin (${values.join(',')})` });
        break;
      case 'Exists':
        reqs.push({ key: e.key, text: e.key });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, text: `!${e.key}` });
        break;
      default:
        throw new KubeDeskError('invalid-input', `invalid label selector: "${e.operator}" is not a valid label selector operator`);
    }
  }
  if (reqs.length === 0) {
    // An empty selector matches every pod; kubectl forwards to one of them. So do we.
    return '';
  }
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}
