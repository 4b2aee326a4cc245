#!/usr/bin/env node
// The `kubedesk` command of a clone (package.json bin; what exported kubeconfigs run): plain
// JavaScript, so Node need not load its TypeScript stripper for it. It runs the bundle in out/cli
// (cli.vite.config.ts; built by `npm ci`, `npm run build` and `npm test`) while the bundle is
// current: out/cli/sources.json lists every source file it was built from and when the build
// started, and one changed since (or gone) means these sources run instead, as does a missing
// bundle, so an edit shows at once and nobody runs stale code (docs/cli.md).
// Node's compile cache (in the OS temp folder, or NODE_COMPILE_CACHE) is on before either loads.
// Built-ins come through process.getBuiltinModule: an ESM import of node:fs alone costs ~3 ms.
// Long-running commands first start this Node again with memory flags (docs/cli.md, Memory).

/** The commands that run until a signal (docs/cli.md, Conventions), which serve all day. */
const LONG_RUNNING = ['proxy', 'forward', 'open', 'serve', 'demo'];
/**
 * V8's young generation, 3 × a semi-space of up to 16–32 MB by default, fills with each request's
 * short-lived buffers before a scavenge frees them; and on a machine with gigabytes to spare V8
 * lets the old generation grow to up to 4× what survived its last full collection before the next
 * (docs/cli.md, Memory).
 */
const MEMORY_FLAGS = ['--max-semi-space-size=1', '--heap-growing-percent=50'];
/**
 * glibc's malloc then serves blocks from 32 KiB up with mappings of their own, returned to the
 * system when freed. By default only from 128 KiB, raised to the largest such block freed, up to
 * 32 MB (mallopt(3), M_MMAP_THRESHOLD): Node's 64 KiB socket reads and a burst's larger buffers
 * stay in the heap after they are freed. Other allocators ignore it. Set only where the user has not.
 */
const MEMORY_ENV = { MALLOC_MMAP_THRESHOLD_: '32768' };
/** Set on the restarted process only: what the restart added to the environment, removed at once. */
const RESTARTED = 'KUBEDESK_MEMORY_FLAGS';

/**
 * Starts the same Node again, in this process (execve keeps the pid, stdio, signals and exit
 * status: whoever waits on it sees one process), with MEMORY_FLAGS and MEMORY_ENV, for a
 * long-running command; returns for any other command, when the user set a semi-space size
 * (NODE_OPTIONS or node's own arguments), or where process.execve is missing (Node < 22.15,
 * Windows): these run as they are. V8 sizes its heap at start-up; v8.setFlagsFromString is too late.
 */
function restartWithMemoryFlags() {
  const { argv, env, execArgv } = process;
  if (env[RESTARTED] !== undefined) {
    for (const name of env[RESTARTED].split(',')) if (Object.hasOwn(MEMORY_ENV, name)) delete env[name];
    delete env[RESTARTED];
    return;
  }
  if (!LONG_RUNNING.includes(argv[2]) || argv.includes('--help') || argv.includes('-h')) return;
  if (typeof process.execve !== 'function' || env.NODE_CHANNEL_FD !== undefined) return;
  if (/--(max|min)[-_]semi[-_]space/.test(`${execArgv.join(' ')} ${env.NODE_OPTIONS ?? ''}`)) return;
  const added = Object.keys(MEMORY_ENV).filter((name) => env[name] === undefined);
  const next = { ...env, [RESTARTED]: added.join(',') };
  for (const name of added) next[name] = MEMORY_ENV[name];
  try {
    process.execve(process.execPath, [process.argv0, ...execArgv, ...MEMORY_FLAGS, ...argv.slice(1)], next);
  } catch {
    // Not started again (execve refused): run here, as before.
  }
}

restartWithMemoryFlags();

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
