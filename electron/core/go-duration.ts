// Go's time.ParseDuration (go/src/time/format.go), for the kubectl flags that take a duration
// (`--keepalive`, `--pod-running-timeout`): `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` with the units
// ns us µs μs ms s m h, so `1h2m`, `1.5s`, `.5m` and `-30s` parse, a bare `0` is zero, and
// anything else is refused with Go's words.
import { KubeDeskError } from './errors.ts';

const NS_PER: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 MICRO SIGN
  'μs': 1_000n, // U+03BC GREEK SMALL LETTER MU
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_NS = (1n << 63n) - 1n;

/** Go's `invalid argument "V" for "--flag" flag: …` (pflag), or Go's own message without a flag. */
function fail(message: string, flag: string | undefined, value: string): never {
  throw new KubeDeskError(
    'invalid-input',
    flag === undefined ? message : `invalid argument ${JSON.stringify(value)} for "--${flag}" flag: ${message}`,
  );
}

/**
 * Parses a Go duration into milliseconds (fractions kept: `1500us` is 1.5). Errors are
 * KubeDeskError('invalid-input') naming `flag` when given, in pflag's words.
 */
export function parseGoDuration(value: string, flag?: string): number {
  const invalid = (): never => fail(`time: invalid duration ${JSON.stringify(value)}`, flag, value);
  let s = value;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') invalid();
  let totalNs = 0n;
  while (s !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const [whole = '', fraction] = [number[1], number[2]];
    if (whole === '' && (fraction === undefined || fraction === '')) invalid();
    s = s.slice(number[0].length);
    const unitMatch = /^[^.\d]*/.exec(s)![0];
    if (unitMatch === '') fail(`time: missing unit in duration ${JSON.stringify(value)}`, flag, value);
    const unit = NS_PER[unitMatch];
    if (unit === undefined) {
      fail(`time: unknown unit ${JSON.stringify(unitMatch)} in duration ${JSON.stringify(value)}`, flag, value);
    }
    s = s.slice(unitMatch.length);
    let ns = BigInt(whole === '' ? '0' : whole) * unit;
    // Go adds the fraction as float64(f) * (unit / scale): float precision, as here.
    if (fraction) ns += BigInt(Math.floor(Number(`0.${fraction}`) * Number(unit)));
    totalNs += ns;
    // Go's range is int64 nanoseconds; -1<<63 itself is allowed.
    if (totalNs > (negative ? MAX_NS + 1n : MAX_NS)) invalid();
  }
  const ms = Number(totalNs) / 1e6;
  return negative ? -ms : ms;
}
