// The `kubedesk` entry (docs/cli.md): the bundle in out/cli (cli.vite.config.ts, which
// `npm test` builds first) against the TypeScript sources, and the committed launcher
// (electron/cli/kubedesk.mjs) choosing between them in a copy of the checkout.
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { NO_KEYCHAIN_ENV } from '../../support/keyring.ts';
import { ROOT } from '../../support/run-cli.ts';
import pkg from '../../../package.json' with { type: 'json' };

const BUNDLE = join(ROOT, 'out/cli/kubedesk.mjs');
const SOURCES = join(ROOT, 'electron/cli/bin.ts');
const MANIFEST = join(ROOT, 'out/cli/sources.json');

interface Manifest {
  builtAt: number;
  files: string[];
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function node(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `kubedesk ARGS` from the sources, in this process. */
async function inProcess(args: string[]): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const io = { stdout, stderr, stdin: new PassThrough(), env: { NO_COLOR: '1' }, cwd: ROOT, color: false, stdinIsTTY: false };
  const code = await runCli(args, { io, signal: new AbortController().signal });
  stdout.end();
  stderr.end();
  return { code, stdout: await text(stdout), stderr: await text(stderr) };
}

/** The bundle's manifest; fails, saying what to run, when there is no bundle. */
function builtManifest(): Manifest {
  expect(statSync(BUNDLE, { throwIfNoEntry: false })?.isFile(), `${BUNDLE} is missing: run npm run build`).toBe(true);
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
}

/** The bundle's manifest; fails, saying what to run, when the bundle is missing or older than a source. */
function currentManifest(): Manifest {
  const manifest = builtManifest();
  const changed = manifest.files.filter((f) => statSync(join(ROOT, f)).mtimeMs > manifest.builtAt);
  expect(changed, 'sources changed since out/cli was built: run npm run build').toEqual([]);
  return manifest;
}

describe('the CLI bundle (out/cli) and the sources', () => {
  it('print the same --help, --version and help of every command', async () => {
    const manifest = currentManifest();
    expect(manifest.files).toContain('electron/cli/commands/credential.ts');
    const [bundled, sources] = await Promise.all([node([BUNDLE, '--help']), node([SOURCES, '--help'])]);
    expect(bundled).toEqual({ code: 0, stdout: sources.stdout, stderr: '' });
    expect(sources.code).toBe(0);
    expect(await node([BUNDLE, '--version'])).toEqual(await node([SOURCES, '--version']));
    const commands = [...bundled.stdout.matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1]!);
    expect(commands).toContain('credential');
    expect(commands.length).toBeGreaterThan(10);
    // Each command's own help (its own chunk in the bundle) against the sources run in this process.
    const cases = [['frobnicate'], ...commands.map((c) => [c, '--help'])];
    const runs = await Promise.all(cases.map((args) => node([BUNDLE, ...args])));
    for (const [i, args] of cases.entries()) expect(runs[i], args.join(' ')).toEqual(await inProcess(args));
  }, 60_000);

  it('loads only a small part of itself for `credential` (kubectl runs it before each of its commands)', async () => {
    currentManifest();
    // Records every file of out/cli that the run loads, through Node's module hooks.
    const dir = mkdtempSync(join(tmpdir(), 'kd-bundle-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const hook = join(dir, 'record.mjs');
    writeFileSync(
      hook,
      `import { registerHooks } from 'node:module';
import { appendFileSync } from 'node:fs';
registerHooks({ resolve(specifier, context, next) {
  const r = next(specifier, context);
  appendFileSync(process.env.KD_LOADED, r.url + '\\n');
  return r;
} });
`,
    );
    const loaded = async (...args: string[]): Promise<{ run: Run; files: string[] }> => {
      const list = join(dir, `${args[0]}.txt`);
      writeFileSync(list, '');
      const env = { ...NO_KEYCHAIN_ENV, KD_LOADED: list, KUBEDESK_HOME: join(dir, 'home'), KUBECONFIG: '' };
      const run = await node(['--import', hook, BUNDLE, ...args], env);
      const urls = readFileSync(list, 'utf8').split('\n');
      return { run, files: [...new Set(urls.filter((u) => u.startsWith('file:') && u.includes('/out/cli/')))] };
    };
    const bytes = (urls: string[]): number => urls.reduce((n, u) => n + statSync(new URL(u)).size, 0);
    // A migrated user's entry, with no keychain to read it from: the keychain path kubectl takes.
    const credential = await loaded('credential', '--entry', 'kubeconfig:alice#0123456789ab');
    expect(credential.run).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^error: no OS keychain available/) });
    const everything = await loaded('--help');
    // The chunks keep each module's path as a comment (cli.vite.config.ts does not minify).
    expect(credential.files.some((u) => readFileSync(new URL(u), 'utf8').includes('// electron/cli/commands/credential.ts\n'))).toBe(true);
    // No YAML parser, no schema library, no X.509 code: a twentieth of what --help loads, at most.
    expect(bytes(credential.files)).toBeLessThan(bytes(everything.files) / 20);
  }, 60_000);
});

describe('the package.json bin in a checkout (electron/cli/kubedesk.mjs)', () => {
  it('runs the sources when the bundle is absent or older than a source, and the bundle when it is current', async () => {
    const manifest = builtManifest();
    // A copy of the checkout: the launcher, the sources and package.json (its version told apart).
    const clone = mkdtempSync(join(tmpdir(), 'kd-clone-'));
    onTestFinished(() => rmSync(clone, { recursive: true, force: true }));
    cpSync(join(ROOT, 'electron'), join(clone, 'electron'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
    writeFileSync(join(clone, 'package.json'), JSON.stringify({ ...pkg, version: `${pkg.version}-sources` }));
    const bin = join(clone, pkg.bin.kubedesk);
    // Through the shebang, as `npx kubedesk` runs it (Node >= 22 from node_modules/.bin first).
    const version = async (): Promise<string> => {
      const { stdout } = await promisify(execFile)(bin, ['--version'], {
        env: { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env['PATH'] ?? ''}` },
      });
      return stdout.trim();
    };

    expect(await version(), 'no out/cli: the sources').toBe(`${pkg.version}-sources`);

    cpSync(join(ROOT, 'out/cli'), join(clone, 'out/cli'), { recursive: true });
    const before = new Date(manifest.builtAt - 60_000);
    for (const f of manifest.files) utimesSync(join(clone, f), before, before);
    expect(await version(), 'a current bundle: the bundle (its version is built in)').toBe(pkg.version);

    const edited = join(clone, 'electron/cli/commands/credential.ts');
    writeFileSync(edited, readFileSync(edited, 'utf8') + '\n');
    expect(await version(), 'a source edited after the build: the sources').toBe(`${pkg.version}-sources`);

    utimesSync(edited, before, before);
    rmSync(join(clone, 'out/cli/kubedesk.mjs'));
    expect(await version(), 'a manifest without its bundle: the sources').toBe(`${pkg.version}-sources`);
  }, 60_000);
});
