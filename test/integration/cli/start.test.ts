import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/run-cli.ts';
import { tempDir, writeFile } from '../../support/kubedesk-fixtures.ts';

describe('npm start without an Electron binary', () => {
  it('tries to fetch it once, says why it is unavailable in one line, and starts serve mode, printing the URL', async () => {
    // An electron package without its binary, whose installer fails as a closed network would,
    // so the test means the same on a machine that has Electron's binary.
    const electronDir = tempDir();
    writeFile(electronDir, 'install.js', "console.error('RequestError: connect ECONNREFUSED 127.0.0.1:9');\nprocess.exit(1);\n");
    const child = spawn(process.execPath, [join(ROOT, 'electron/cli/start.ts'), '--no-open', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, KUBEDESK_ELECTRON_DIR: electronDir, DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL; stderr: ${stderr}`)), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('\n')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGINT');
    const code = await new Promise((r) => child.on('close', r));
    expect(stdout).toMatch(/^KubeDesk UI on http:\/\/127\.0\.0\.1:\d+\/#code=[A-Za-z0-9_-]{43}\n$/);
    expect(stderr).toBe(
      "Electron's binary is not available (RequestError: connect ECONNREFUSED 127.0.0.1:9); starting KubeDesk in your browser instead.\n",
    );
    expect(code).toBe(0);
  }, 90_000);
});
