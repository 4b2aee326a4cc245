// kubectl's comma-separated regex flags (`kubectl/pkg/proxy/proxy_server.go` MakeRegexpArray):
// split on `,` with no escaping, each part a regex matched unanchored (docs/proxy.md, step 3).
// KubeDesk compiles them as JS RegExps without flags; RE2 and JS agree on everything kubectl's
// defaults and documented examples use.
import { KubeDeskError } from '../errors.ts';

export function compileRegexList(flag: string, value: string): RegExp[] {
  if (value === '') return [];
  return value.split(',').map((part) => {
    try {
      return new RegExp(part);
    } catch (err) {
      throw new KubeDeskError('invalid-input', `--${flag}: invalid regular expression ${JSON.stringify(part)}: ${(err as Error).message}`);
    }
  });
}

/** True when any of `res` matches anywhere in `value` (Go's MatchString). */
export function matchesAny(value: string, res: readonly RegExp[]): boolean {
  for (const re of res) if (re.test(value)) return true;
  return false;
}
