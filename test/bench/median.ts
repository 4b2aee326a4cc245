// The middle value of a bench's rounds (the upper one of an even count), shared by the benches
// that report medians.

/** The median of `xs`; NaN when there are none. */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
}
