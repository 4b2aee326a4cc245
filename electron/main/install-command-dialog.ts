// The app menu's "Install 'kubedesk' command in PATH" (macOS): runs install-command.ts and tells the
// user what happened in a message box.
import type { Dialog } from 'electron';
import { describe } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { bundledShimPath } from './cli-shim-path.ts';
import { COMMAND_LINK, installCommand, osascriptAsAdmin } from './install-command.ts';

export async function installCommandWithDialog(dialog: Pick<Dialog, 'showMessageBox'>, resourcesPath: string, log: Logger): Promise<void> {
  try {
    const outcome = await installCommand({
      shim: bundledShimPath('darwin', resourcesPath),
      link: COMMAND_LINK,
      runAsAdmin: osascriptAsAdmin,
    });
    log.info('kubedesk command linked', { link: COMMAND_LINK, outcome });
    await dialog.showMessageBox({
      type: 'info',
      message: `The 'kubedesk' command is installed in ${COMMAND_LINK}.`,
      detail: "Open a new terminal and run 'kubedesk --help'.",
    });
  } catch (err) {
    log.warn('kubedesk command not linked', { link: COMMAND_LINK, error: describe(err) });
    await dialog.showMessageBox({
      type: 'error',
      message: `The 'kubedesk' command was not installed.`,
      detail: err instanceof Error ? err.message : String(err),
    });
  }
}
