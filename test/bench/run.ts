// `npm run bench`: runs every test/bench/*-bench.ts module's exported `bench…()` function in one
// process and prints its figures. Benchmarks report ratios against a baseline measured in the
// same run (STYLE: performance is measured, never asserted by a timed test).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const only = process.argv.slice(2);
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('-bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

let failed = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
  for (const [name, fn] of Object.entries(mod)) {
    if (!name.startsWith('bench') || typeof fn !== 'function') continue;
    console.log(`\n== ${file}: ${name}()`);
    try {
      const figures = (await (fn as () => Promise<Record<string, number | string>>)()) ?? {};
      const width = Math.max(0, ...Object.keys(figures).map((k) => k.length));
      for (const [k, v] of Object.entries(figures)) {
        console.log(`  ${k.padEnd(width)}  ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(3)) : v}`);
      }
    } catch (err) {
      failed += 1;
      console.log(`  failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
if (files.length === 0) console.log('no benchmarks found under test/bench/');
process.exit(failed === 0 ? 0 : 1);
