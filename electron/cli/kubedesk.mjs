#!/usr/bin/env node
// The `kubedesk` command of a clone (package.json bin; what exported kubeconfigs run): plain
// JavaScript, so Node need not load its TypeScript stripper for it. It runs the bundle in out/cli
// (cli.vite.config.ts; built by `npm ci`, `npm run build` and `npm test`) while the bundle is
// current: out/cli/sources.json lists every source file it was built from and when the build
// started, and one changed since (or gone) means these sources run instead, as does a missing
// bundle, so an edit shows at once and nobody runs stale code (docs/cli.md).
// Node's compile cache (in the OS temp folder, or NODE_COMPILE_CACHE) is on before either loads.
// Built-ins come through process.getBuiltinModule: an ESM import of node:fs alone costs ~3 ms.
const { readFileSync, statSync } = process.getBuiltinModule('node:fs');
const { fileURLToPath, pathToFileURL } = process.getBuiltinModule('node:url');

process.getBuiltinModule('node:module').enableCompileCache?.();

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The bundle's path if it was built from the sources as they are now (none changed or gone); else undefined. */
function currentBundle() {
  try {
    const { builtAt, files } = JSON.parse(readFileSync(`${root}out/cli/sources.json`, 'utf8'));
    for (const file of files) if (!(statSync(root + file, { throwIfNoEntry: false })?.mtimeMs <= builtAt)) return undefined;
    const bundle = `${root}out/cli/kubedesk.mjs`;
    return statSync(bundle, { throwIfNoEntry: false })?.isFile() ? bundle : undefined;
  } catch {
    return undefined;
  }
}

const bundle = currentBundle();
await import(bundle ? pathToFileURL(bundle).href : './bin.ts');
