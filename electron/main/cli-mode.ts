// The app binary as the `kubedesk` command (docs/desktop.md, The `kubedesk` command with RunAsNode
// off). index.ts calls this first, before the single-instance lock, the hardening, any window or
// tray, and awaits it at the top level: Electron pumps Node's event loop until the main module has
// finished evaluating and only then goes on to start its threads, the GPU process and `ready`
// (electron/shell/common/node_bindings.cc JoinAppCode), so the CLI runs with none of them.
// `app.exit` before the message loop exists ends the process at once with the CLI's status
// (electron/shell/browser/browser.cc Browser::Exit).
import type { App } from 'electron';
import { defaultCliLauncher } from './cli-shim-path.ts';

type CliApp = Pick<App, 'exit' | 'isPackaged' | 'dock'>;

/** Resolves once everything written so far has been handed to the OS (pipes are asynchronous on POSIX). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((done) => stream.write('', () => done()));
}

async function runCommand(app: CliApp, args: string[]): Promise<number> {
  const launcher = defaultCliLauncher({
    env: process.env,
    packaged: app.isPackaged,
    platform: process.platform,
    resourcesPath: process.resourcesPath,
  });
  if (launcher) process.env['KUBEDESK_CLI'] = launcher;
  // Loaded only now: a normal launch never loads the CLI (its own chunks in out/main).
  const [{ runCli }, { processIo }] = await Promise.all([import('../cli/main.ts'), import('../cli/process-io.ts')]);
  // As electron/cli/bin.ts: the first Ctrl-C lets a long-running command dispose what it started,
  // the second exits at once.
  const controller = new AbortController();
  let signals = 0;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      signals += 1;
      if (signals > 1) app.exit(130);
      controller.abort();
    });
  }
  return runCli(args, { io: processIo(), signal: controller.signal });
}

/** Runs the CLI with the process's own stdio, then exits with its status; never settles. */
export async function runCliMode(app: CliApp, args: string[]): Promise<never> {
  // No Dock icon on macOS for a terminal command.
  app.dock?.hide();
  let code: number;
  try {
    code = await runCommand(app, args);
  } catch (err) {
    // runCli answers every command error itself; this is a CLI that did not load. A rejection here
    // would reach Electron's uncaught-exception dialog, a window after all.
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    code = 1;
  }
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  app.exit(code);
  return new Promise<never>(() => {});
}
