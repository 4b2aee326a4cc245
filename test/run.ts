// `npm test`: build (the app and the CLI bundle), lint, unused exports (knip), typecheck (tsc -b
// over each layer's tsconfig, svelte-check), unit, integration and e2e, then one plain summary
// line `N passed, N failed, N skipped` totalling every suite (README's test command reads it).
//
// A test run cannot hide tests: vitest refuses `.only` (--allowOnly=false), and a skipped or
// todo test fails the run unless it is declared for a platform with `onlyOn`
// (test/support/platform.ts); see test/support/tally.ts.
//
// On Linux the run happens inside a private D-Bus session with an unlocked gnome-keyring, so
// keychain tests use a real secret service and never touch the user's own keychain.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summaryLine, tallyCheck, tallyReport, type Tally, type VitestReport } from './support/tally.ts';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'node_modules', '.bin');
const env = {
  ...process.env,
  PATH: `${bin}:${process.env['PATH'] ?? ''}`,
  FORCE_COLOR: process.env['CI'] ? '0' : process.env['FORCE_COLOR'],
};

function need(command: string, debianPackage: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { env }).status === 0 || existsSync(command);
  if (!found) {
    console.error(`error: ${command} is missing: install the Debian package ${debianPackage} (sudo apt-get install ${debianPackage})`);
    process.exit(1);
  }
}

if (process.platform === 'linux' && !process.env['KUBEDESK_TEST_KEYRING']) {
  need('dbus-run-session', 'dbus');
  need('gnome-keyring-daemon', 'gnome-keyring');
  need('/usr/bin/chromium', 'chromium');
  need('kubectl', 'kubectl (https://kubernetes.io/docs/tasks/tools/)');
  // A fresh keyring folder whose default collection is `login`, which --unlock creates unlocked;
  // without the `default` alias file the secret service prompts (and fails) on first write.
  const dataHome = mkdtempSync(join(tmpdir(), 'kubedesk-keyring-'));
  mkdirSync(join(dataHome, 'keyrings'));
  writeFileSync(join(dataHome, 'keyrings', 'default'), 'login');
  const inner = 'echo -n kubedesk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$0" "$@"';
  const child = spawn('dbus-run-session', ['--', 'sh', '-c', inner, process.execPath, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'pipe'],
    env: { ...env, KUBEDESK_TEST_KEYRING: 'private', XDG_DATA_HOME: dataHome },
  });
  // dbus-daemon's own chatter (fd limits, the keyring prompter) is noise; everything else passes through.
  child.stderr.on('data', (d: Buffer) => {
    const text = d
      .toString()
      .split('\n')
      .filter((l) => !/^dbus-daemon\[\d+\]/.test(l))
      .join('\n');
    if (text.trim()) process.stderr.write(text);
  });
  child.on('exit', () => rmSync(dataHome, { recursive: true, force: true }));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  process.exitCode = await runAll();
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function check(name: string, command: string, args: string[]): Promise<Tally> {
  console.log(`\n== ${name}: ${command} ${args.join(' ')}`);
  return tallyCheck(name, await run(command, args));
}

async function suite(project: string): Promise<Tally> {
  const dir = mkdtempSync(join(tmpdir(), 'kubedesk-vitest-'));
  const out = join(dir, 'report.json');
  console.log(`\n== ${project} tests`);
  const code = await run(join(bin, 'vitest'), [
    'run',
    '--project',
    project,
    '--allowOnly=false',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  try {
    const tally = tallyReport(project, JSON.parse(readFileSync(out, 'utf8')) as VitestReport, code);
    for (const name of tally.undeclared) console.log(`error: skipped without a platform reason (use onlyOn): ${name}`);
    return tally;
  } catch {
    return tallyCheck(project, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runAll(): Promise<number> {
  const tallies = [await check('build', join(bin, 'electron-vite'), ['build', '--logLevel', 'warn'])];
  // The CLI bundle (out/cli), so the CLI tests run what `npx kubedesk` and the packaged app run.
  tallies.push(await check('build (CLI bundle)', join(bin, 'vite'), ['build', '--config', 'cli.vite.config.ts', '--logLevel', 'warn']));
  tallies.push(await check('lint', join(bin, 'eslint'), ['--max-warnings', '0', '.']));
  tallies.push(await check('unused exports (knip)', join(bin, 'knip'), ['--no-config-hints', '--no-progress']));
  tallies.push(await check('typecheck (tsc)', join(bin, 'tsc'), ['-b', 'tsconfig.json']));
  tallies.push(
    await check('typecheck (svelte-check)', join(bin, 'svelte-check'), ['--tsconfig', './tsconfig.renderer.json', '--fail-on-warnings']),
  );
  for (const project of ['unit', 'integration', 'e2e']) tallies.push(await suite(project));

  console.log('\n== summary');
  for (const t of tallies) console.log(`${t.name}: ${summaryLine([t])}`);
  console.log(summaryLine(tallies));
  return tallies.some((t) => t.failed > 0) ? 1 : 0;
}
