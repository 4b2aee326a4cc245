import { describe, expect, it } from 'vitest';
import { CLI_FLAG, cliLaunchArgs } from '../../../electron/main/cli-launch-args.ts';

const APP = '/opt/KubeDesk/kubedesk';
const JS_FLAGS = '--js-flags=--max-semi-space-size=1 --heap-growing-percent=50';

describe('cliLaunchArgs: the app binary started as the `kubedesk` command', () => {
  it('is a normal launch unless --kubedesk-cli is the first argument', () => {
    expect(cliLaunchArgs([APP], false)).toBeUndefined();
    expect(cliLaunchArgs([APP, JS_FLAGS, CLI_FLAG, '--', 'proxy'], false)).toBeUndefined();
    expect(cliLaunchArgs([APP, '--no-sandbox', CLI_FLAG, '--', 'contexts'], false)).toBeUndefined();
    expect(cliLaunchArgs([APP, 'kubedesk://view/services'], false)).toBeUndefined();
    // `electron .` in development: argv[1] is the app's folder.
    expect(cliLaunchArgs(['/x/electron', '.', CLI_FLAG, '--', 'contexts'], true)).toEqual(['contexts']);
    expect(cliLaunchArgs(['/x/electron', CLI_FLAG, '--', 'contexts'], true)).toBeUndefined();
  });

  it("gives the CLI exactly what follows the shim's `--`, skipping the Chromium switches before it", () => {
    expect(
      cliLaunchArgs([APP, CLI_FLAG, '--ozone-platform=headless', '--', 'url', 'arn:aws:eks:eu-west-1:1:cluster/a', '--', 'x'], false),
    ).toEqual(['url', 'arn:aws:eks:eu-west-1:1:cluster/a', '--', 'x']);
    expect(cliLaunchArgs([APP, CLI_FLAG, '--', '--version'], false)).toEqual(['--version']);
    // The long-running commands' V8 flags (build/bin), one argument holding a space, in either order.
    for (const switches of [[JS_FLAGS, '--ozone-platform=headless'], ['--ozone-platform=headless', JS_FLAGS], [JS_FLAGS]]) {
      expect(cliLaunchArgs([APP, CLI_FLAG, ...switches, '--', 'proxy', '--js-flags=x'], false)).toEqual(['proxy', '--js-flags=x']);
    }
    expect(cliLaunchArgs([APP, CLI_FLAG, '--', ''], false)).toEqual(['']);
    expect(cliLaunchArgs([APP, CLI_FLAG, '--'], false)).toEqual([]);
  });

  it('without the separator (started by hand), everything after the flag is the CLI’s', () => {
    expect(cliLaunchArgs([APP, CLI_FLAG, '--version'], false)).toEqual(['--version']);
    expect(cliLaunchArgs([APP, CLI_FLAG, 'contexts', '--', 'x'], false)).toEqual(['contexts', '--', 'x']);
    expect(cliLaunchArgs([APP, CLI_FLAG, '--ozone-platform=headless', 'contexts'], false)).toEqual([
      '--ozone-platform=headless',
      'contexts',
    ]);
    expect(cliLaunchArgs([APP, CLI_FLAG, JS_FLAGS, 'proxy'], false)).toEqual([JS_FLAGS, 'proxy']);
  });
});
