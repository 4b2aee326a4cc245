// Label selectors, the one implementation for the demo apiserver and for port-forwarding.
// Parsing as the apiserver does (apimachinery/pkg/labels/selector.go): `a=b`, `a==b`, `a!=b`,
// `a in (x,y)`, `a notin (x)`, `a`, `!a`, joined by commas. A malformed selector throws a
// SelectorError whose message starts `unable to parse requirement:` or names the lexer's
// complaint, as kube-apiserver's 400 does. Formatting as kubectl sends them
// (polymorphichelpers SelectorsForObject; metav1.LabelSelectorAsSelector(...).String()).
import { KubeDeskError } from '../errors.ts';
import type { LabelSelector } from './kube-objects.ts';

type Requirement = { key: string; op: 'in' | 'notin'; values: string[] } | { key: string; op: 'exists' | '!' };

/** A parsed selector (labels.Selector). */
export interface Selector {
  requirements: Requirement[];
  matches(labels: Record<string, string> | undefined): boolean;
}

export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

const KEY_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string): void {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : '';
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const ok =
    name.length > 0 && name.length <= 63 && KEY_NAME.test(name) && (slash < 0 || (prefix.length <= 253 && DNS_PREFIX.test(prefix)));
  if (!ok) {
    throw new SelectorError(
      `unable to parse requirement: <nil>: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
  }
}

function checkValue(key: string, value: string): void {
  if (value.length > 63 || !VALUE.test(value)) {
    throw new SelectorError(
      `unable to parse requirement: values[0][${key}]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  }
}

type Token = { kind: 'id' | 'op' | 'comma' | 'open' | 'close' | 'end'; text: string };

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === ',') {
      out.push({ kind: 'comma', text: c });
      i++;
    } else if (c === '(') {
      out.push({ kind: 'open', text: c });
      i++;
    } else if (c === ')') {
      out.push({ kind: 'close', text: c });
      i++;
    } else if ('=!<>'.includes(c)) {
      let j = i + 1;
      while (j < s.length && '=!<>'.includes(s[j]!)) j++;
      const op = s.slice(i, j);
      if (!['=', '==', '!=', '!', '<', '>'].includes(op)) throw new SelectorError(`found '${op}', expected: identifier`);
      out.push({ kind: 'op', text: op });
      i = j;
    } else {
      let j = i;
      while (j < s.length && !' \t,()=!<>'.includes(s[j]!)) j++;
      out.push({ kind: 'id', text: s.slice(i, j) });
      i = j;
    }
  }
  out.push({ kind: 'end', text: '' });
  return out;
}

export function parseLabelSelector(input: string): Selector {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = (): Token => tokens[pos]!;
  const next = (): Token => tokens[pos++]!;
  const requirements: Requirement[] = [];
  if (peek().kind !== 'end') {
    for (;;) {
      let t = next();
      if (t.kind === 'op' && t.text === '!') {
        const k = next();
        if (k.kind !== 'id') throw new SelectorError(`found '${k.text}', expected: identifier after '!'`);
        checkKey(k.text);
        requirements.push({ key: k.text, op: '!' });
      } else if (t.kind === 'id') {
        const key = t.text;
        checkKey(key);
        t = peek();
        if (t.kind === 'comma' || t.kind === 'end') {
          requirements.push({ key, op: 'exists' });
        } else if (t.kind === 'op' && (t.text === '=' || t.text === '==' || t.text === '!=')) {
          next();
          const v = peek();
          let value = '';
          if (v.kind === 'id') {
            value = v.text;
            next();
          } else if (v.kind !== 'comma' && v.kind !== 'end') {
            throw new SelectorError(`found '${v.text}', expected: identifier`);
          }
          checkValue(key, value);
          requirements.push({ key, op: t.text === '!=' ? 'notin' : 'in', values: [value] });
        } else if (t.kind === 'op' && (t.text === '<' || t.text === '>')) {
          throw new SelectorError(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
        } else if (t.kind === 'id' && (t.text === 'in' || t.text === 'notin')) {
          next();
          if (next().kind !== 'open') throw new SelectorError(`found '${peek().text}', expected: '('`);
          const values: string[] = [];
          for (;;) {
            const v = next();
            if (v.kind === 'id') {
              checkValue(key, v.text);
              values.push(v.text);
              const sep = next();
              if (sep.kind === 'close') break;
              if (sep.kind !== 'comma') throw new SelectorError(`found '${sep.text}', expected: ',' or ')'`);
            } else if (v.kind === 'close' && values.length === 0) {
              throw new SelectorError(
                `unable to parse requirement: values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`,
              );
            } else {
              throw new SelectorError(`found '${v.text}', expected: ',', ')' or identifier`);
            }
          }
          requirements.push({ key, op: t.text, values });
        } else {
          throw new SelectorError(`found '${t.text}', expected: in, notin, =, ==, !=, gt, lt`);
        }
      } else {
        throw new SelectorError(`found '${t.text}', expected: !, identifier, or 'end of string'`);
      }
      const sep = next();
      if (sep.kind === 'end') break;
      if (sep.kind !== 'comma') throw new SelectorError(`found '${sep.text}', expected: ',' or 'end of string'`);
    }
  }
  return { requirements, matches: (labels) => matchesAll(requirements, labels ?? {}) };
}

function matchesAll(reqs: Requirement[], labels: Record<string, string>): boolean {
  for (const r of reqs) {
    const has = Object.hasOwn(labels, r.key);
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(labels[r.key]!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(labels[r.key]!)) return false;
        break;
    }
  }
  return true;
}

/** A service's `spec.selector` (map): empty or missing selects nothing, as for Endpoints. */
export function mapSelects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector)) if (l[k] !== v) return false;
  return true;
}

/** A workload's metav1.LabelSelector (matchLabels + matchExpressions). */
export function specSelects(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(l, e.key);
    const values = e.values ?? [];
    if (e.operator === 'In' && (!has || !values.includes(l[e.key]!))) return false;
    if (e.operator === 'NotIn' && has && values.includes(l[e.key]!)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** `a=b,c=d` for a map selector (kubectl's and the Table's SELECTOR column). */
export function formatSelector(selector: Record<string, string> | undefined): string {
  return Object.entries(selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The `labelSelector` query for a service's pods; a service without a selector is kubectl's error. */
export function serviceSelector(svc: { metadata: { name?: string }; spec?: { selector?: Record<string, string> } }): string {
  const sel = svc.spec?.selector;
  if (!sel || Object.keys(sel).length === 0) {
    throw new KubeDeskError('invalid-input', `invalid service '${svc.metadata.name ?? ''}': Service is defined without a selector`);
  }
  return formatLabelSelector({ matchLabels: sel });
}

/** The `labelSelector` query for a workload's pods (deployment, replica set). */
export function deploymentSelector(d: { metadata: { name?: string }; spec?: { selector?: LabelSelector } }): string {
  const sel = d.spec?.selector;
  if (!sel) throw new KubeDeskError('invalid-input', `invalid label selector: deployment '${d.metadata.name ?? ''}' has no selector`);
  return formatLabelSelector(sel);
}

/** metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key; empty selects every pod. */
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
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}
