// `npm start`: launches the Electron app. Electron 45 fetches its binary on first use; where that
// cannot happen (no network, as on our CI machines) it says so in one line and starts serve mode
// instead, so the same UI opens in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './main.ts';
import { processIo } from './process-io.ts';

const root = join(import.meta.dirname, '..', '..');
// The electron package (its path.txt, dist/ and install.js); tests point it elsewhere.
const electronDir = process.env['KUBEDESK_ELECTRON_DIR'] ?? join(root, 'node_modules', 'electron');

function electronBinary(): string | undefined {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : undefined;
}

function fetchElectronOnce(): { ok: boolean; reason: string } {
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', timeout: 300_000 });
  const reason = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').filter(Boolean).pop() ?? `exit ${r.status}`;
  return { ok: r.status === 0, reason };
}

if (!existsSync(join(root, 'out', 'main', 'index.js')) || !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let binary = electronBinary();
let why = '';
if (!binary && existsSync(electronDir)) {
  const fetched = fetchElectronOnce();
  binary = fetched.ok ? electronBinary() : undefined;
  why = fetched.reason;
}

if (binary) {
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
} else {
  console.error(`Electron's binary is not available (${why || 'not installed'}); starting KubeDesk in your browser instead.`);
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => controller.abort());
  const code = await runCli(['serve', ...process.argv.slice(2)], {
    io: processIo(),
    signal: controller.signal,
  });
  process.exit(code);
}
