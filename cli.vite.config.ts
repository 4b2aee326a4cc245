// The `kubedesk` command of a checkout as a bundle (docs/cli.md): electron/cli/bin.ts with our
// modules and the pure-JavaScript dependencies in out/cli/kubedesk.mjs, and one lazy chunk per
// command (each command's own import in cli/main.ts), so Node resolves and links a few files instead
// of about a hundred modules it must also strip of their types. Built by `npm run build`, `prepare`
// (so by `npm ci`) and `npm test`; electron/cli/kubedesk.mjs, the package's bin, runs it while
// out/cli/sources.json says it is current. The packaged app runs the CLI from main's own build
// instead (docs/desktop.md, The kubedesk command with RunAsNode off).
import { isBuiltin } from 'node:module';
import { relative, resolve, sep } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const ROOT = import.meta.dirname;
const OUT_DIR = resolve(ROOT, 'out/cli');
const SOURCES = resolve(ROOT, 'electron') + sep;

/**
 * Native modules (built per Node or Electron ABI), ws's optional native helpers, and `open`, which
 * runs its own xdg-open script found beside its module file: loaded from node_modules at run time.
 */
const EXTERNAL = ['keytar', 'bufferutil', 'utf-8-validate', 'open'];

const toUrlPath = (path: string): string => path.split(sep).join('/');

/**
 * `import.meta.url`, `.filename` and `.dirname` of our modules keep naming their source file, as
 * they do when the sources run, by resolving the source's path relative to out/cli (every chunk is
 * written there): serve mode finds out/renderer from electron/serve/, and exported kubeconfigs
 * name electron/cli/kubedesk.mjs, the launcher, not the bundle (cli/kubedesk-entry.ts).
 */
function sourceImportMeta(): Plugin {
  return {
    name: 'kubedesk:source-import-meta',
    enforce: 'pre',
    transform(code, id) {
      if (!id.startsWith(SOURCES) || !code.includes('import.meta.')) return null;
      const source = JSON.stringify(toUrlPath(relative(OUT_DIR, id)));
      const url = `new URL(${source}, import.meta.url)`;
      const patched = code.replace(/\bimport\.meta\.(url|filename|dirname)\b/g, (_, field: string) =>
        field === 'url'
          ? `${url}.href`
          : field === 'filename'
            ? `process.getBuiltinModule('node:url').fileURLToPath(${url})`
            : `process.getBuiltinModule('node:path').dirname(process.getBuiltinModule('node:url').fileURLToPath(${url}))`,
      );
      return { code: patched, map: null };
    },
  };
}

const BUILTIN_PREFIX = '\0kubedesk-builtin:';

/**
 * `import { Agent } from 'node:http'` (any Node built-in) as `process.getBuiltinModule('node:http').Agent`.
 * An ESM import of a built-in makes Node build a module facade that reads every export, so lazy
 * exports load what they stand for: node:http's WebSocket getter alone loads undici, 20-40 ms
 * (lib/internal/bootstrap/realm.js, BuiltinModule.prototype.getESMFacade and syncExports). Each
 * importer gets its own stand-in module whose exports are pure reads, so only the names it uses
 * are read.
 */
function builtinsWithoutFacade(): Plugin {
  return {
    name: 'kubedesk:builtins-without-facade',
    enforce: 'pre',
    resolveId(id, importer, options) {
      const kind = (options as { kind?: string }).kind;
      if (!isBuiltin(id) || !importer || (kind !== 'import-statement' && kind !== 'dynamic-import')) return null;
      const name = id.startsWith('node:') ? id : `node:${id}`;
      return `${BUILTIN_PREFIX}${name}?from=${toUrlPath(relative(ROOT, importer))}`;
    },
    load(id) {
      if (!id.startsWith(BUILTIN_PREFIX)) return null;
      const name = id.slice(BUILTIN_PREFIX.length, id.indexOf('?from='));
      const names = Object.keys(process.getBuiltinModule(name) as object).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
      return [
        `const builtin$ = process.getBuiltinModule(${JSON.stringify(name)});`,
        'const read$ = (key) => builtin$[key];',
        'export default builtin$;',
        ...names.map((k) => `export const ${k} = /* @__PURE__ */ read$(${JSON.stringify(k)});`),
      ].join('\n');
    },
  };
}

/**
 * out/cli/sources.json: when the build started and every file of ours it read (relative to the
 * root), so the launcher can tell, with one stat per file, that a source changed since.
 */
function sourcesManifest(): Plugin {
  let builtAt = 0;
  return {
    name: 'kubedesk:sources-manifest',
    buildStart() {
      builtAt = Date.now();
    },
    generateBundle(_options, bundle) {
      const files = new Set<string>();
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        for (const id of file.moduleIds) {
          if (id.startsWith(ROOT + sep) && !id.includes(`${sep}node_modules${sep}`)) files.add(toUrlPath(relative(ROOT, id)));
        }
      }
      const source = JSON.stringify({ builtAt, files: [...files].sort() }, null, 1);
      this.emitFile({ type: 'asset', fileName: 'sources.json', source });
    },
  };
}

export default defineConfig({
  root: ROOT,
  publicDir: false,
  plugins: [sourceImportMeta(), builtinsWithoutFacade(), sourcesManifest()],
  ssr: { target: 'node', noExternal: true, external: EXTERNAL },
  build: {
    ssr: true,
    target: 'node22',
    outDir: OUT_DIR,
    emptyOutDir: true,
    copyPublicDir: false,
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: { kubedesk: resolve(ROOT, 'electron/cli/bin.ts') },
      external: EXTERNAL,
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
});
