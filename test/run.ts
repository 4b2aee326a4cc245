// `npm test`: lint, typecheck (tsc + svelte-check), unit, integration and e2e, then one plain
// summary line `N passed, N failed, N skipped` totalling every suite (issue 3).
//
// On Linux the run happens inside a private D-Bus session with an unlocked gnome-keyring, so
// keychain tests use a real secret service and never touch the user's own keychain.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

interface Tally {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function check(name: string, command: string, args: string[]): Promise<Tally> {
  console.log(`\n== ${name}: ${command} ${args.join(' ')}`);
  const code = await run(command, args);
  return { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}

async function suite(project: string): Promise<Tally> {
  const dir = mkdtempSync(join(tmpdir(), 'kubedesk-vitest-'));
  const out = join(dir, 'report.json');
  console.log(`\n== ${project} tests`);
  const code = await run(join(bin, 'vitest'), [
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  try {
    const r = JSON.parse(readFileSync(out, 'utf8')) as VitestJson;
    // A file that fails to load counts as a failure even though it ran no test.
    const failed = r.numFailedTests + (r.numFailedTests === 0 && (r.numFailedTestSuites > 0 || code !== 0) ? 1 : 0);
    return { name: project, passed: r.numPassedTests, failed, skipped: r.numPendingTests + r.numTodoTests };
  } catch {
    return { name: project, passed: 0, failed: 1, skipped: 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runAll(): Promise<number> {
  const build = await run(join(bin, 'electron-vite'), ['build', '--logLevel', 'warn']);
  const tallies: Tally[] = [{ name: 'build', passed: build === 0 ? 1 : 0, failed: build === 0 ? 0 : 1, skipped: 0 }];
  tallies.push(await check('lint', join(bin, 'eslint'), ['--max-warnings', '0', '.']));
  tallies.push(await check('typecheck (tsc)', join(bin, 'tsc'), ['--noEmit', '-p', 'tsconfig.json']));
  tallies.push(await check('typecheck (svelte-check)', join(bin, 'svelte-check'), ['--tsconfig', './tsconfig.json', '--fail-on-warnings']));
  for (const project of ['unit', 'integration', 'e2e']) tallies.push(await suite(project));

  console.log('\n== summary');
  for (const t of tallies) console.log(`${t.name}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  const total = tallies.reduce((a, t) => ({ passed: a.passed + t.passed, failed: a.failed + t.failed, skipped: a.skipped + t.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed === 0 ? 0 : 1;
}
