// How the app binary is started as the `kubedesk` command (docs/desktop.md, The `kubedesk` command
// with RunAsNode off): `KubeDesk --kubedesk-cli [CHROMIUM-SWITCHES…] -- ARGS…`. The shims in
// build/bin pass the user's arguments after `--`, which ends Chromium's switch parsing
// (base/command_line.cc) and Electron's check that no argument follows a URL-like one
// (electron/shell/app/command_line_args.cc CheckCommandLineArguments): `kubedesk url arn:aws:eks:…`
// would otherwise not start at all, and a `--remote-debugging-port` meant for the CLI would reach
// Chromium.

export const CLI_FLAG = '--kubedesk-cli';

/**
 * Chromium switches a shim may put between the flag and `--`. Chromium reads them from the real
 * command line before any JavaScript runs; the CLI never sees them. Linux's shim starts the app
 * on Ozone's headless platform so the command works without a display; the shims start the
 * long-running commands with `--js-flags=…`, V8 flags Electron applies to the main process before
 * its isolate exists (shell/browser/javascript_environment.cc; docs/cli.md, Memory).
 */
const SHIM_SWITCHES = /^--(ozone-platform|disable-gpu|js-flags)(=|$)/;

/**
 * The CLI's arguments when the app was started as the command, else undefined (a normal launch).
 * `defaultApp` is Electron's `process.defaultApp`: `electron .` in development puts the app's
 * path at argv[1], a packaged app has its own arguments from argv[1].
 */
export function cliLaunchArgs(argv: readonly string[], defaultApp: boolean): string[] | undefined {
  const first = defaultApp ? 2 : 1;
  if (argv[first] !== CLI_FLAG) return undefined;
  let i = first + 1;
  while (i < argv.length && SHIM_SWITCHES.test(argv[i] ?? '')) i++;
  if (argv[i] === '--') return argv.slice(i + 1);
  // Started by hand without the separator (`KubeDesk --kubedesk-cli --version`): all of it is the CLI's.
  return argv.slice(first + 1);
}
