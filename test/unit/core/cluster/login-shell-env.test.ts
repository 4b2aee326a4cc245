import { describe, expect, it } from 'vitest';
import { loginShellEnv, parseMarkedEnv } from '../../../../electron/core/cluster/login-shell-env.ts';
import { tempDir, writeFile } from '../../../support/kubedesk-fixtures.ts';

describe("the login shell's env for GUI launches", () => {
  it('parses the JSON between the markers, ignoring what rc files print around it', () => {
    expect(parseMarkedEnv('Welcome!\nMARK{"PATH":"/opt/homebrew/bin:/usr/bin","_":"x","N":1}MARK\nbye', 'MARK')).toEqual({
      PATH: '/opt/homebrew/bin:/usr/bin',
    });
    expect(parseMarkedEnv('no markers', 'MARK')).toBeUndefined();
  });

  it('runs the login shell once: PATH and variables from ~/.bash_profile reach exec plugins', async () => {
    const home = tempDir();
    writeFile(home, '.bash_profile', 'echo "rc noise"\nexport PATH="/opt/kd-login-bin:$PATH"\nexport AWS_PROFILE=from-login-shell\n');
    const r = await loginShellEnv({
      env: { HOME: home, SHELL: '/bin/bash', PATH: '/usr/bin:/bin' },
      execPath: process.execPath,
      timeoutMs: 20_000,
    });
    expect(r.from).toBe('shell');
    expect(r.env['PATH']!.split(':')[0]).toBe('/opt/kd-login-bin');
    expect(r.env['AWS_PROFILE']).toBe('from-login-shell');
    expect(r.env['ELECTRON_RUN_AS_NODE']).toBeUndefined();
  });

  it('falls back to the process env on Windows, without SHELL, or when the shell fails', async () => {
    const env = { PATH: '/usr/bin' };
    expect(await loginShellEnv({ env, execPath: process.execPath, platform: 'win32' })).toEqual({
      env,
      from: 'process',
      reason: 'windows',
    });
    expect((await loginShellEnv({ env, execPath: process.execPath })).from).toBe('process');
    const r = await loginShellEnv({ env: { ...env, SHELL: '/bin/false' }, execPath: process.execPath });
    expect(r).toMatchObject({ env, from: 'process' });
  });
});
