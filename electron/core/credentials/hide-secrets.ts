// Makes a credential object safe to log by mistake: JSON.stringify and util.inspect (so
// console.log and template literals of inspect) show the field names, never the values
// (docs/architecture.md, Logging without secrets).
import { inspect } from 'node:util';

export function hideSecrets<T extends object>(value: T, kind: string): T {
  const describe = (): string => `${kind} { ${Object.keys(value).join(', ')}: [redacted] }`;
  Object.defineProperties(value, {
    toJSON: { value: () => ({ kind, fields: Object.keys(value), values: '[redacted]' }), enumerable: false },
    toString: { value: describe, enumerable: false },
    [inspect.custom]: { value: describe, enumerable: false },
  });
  return value;
}
