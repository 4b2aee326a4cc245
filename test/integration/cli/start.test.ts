import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/run-cli.ts';

describe('npm start without an Electron binary (issue 3)', () => {
  it('says so in one line and starts serve mode, printing the URL', async () => {
    // This machine cannot download Electron; a closed mirror makes the one fetch attempt fail fast anywhere.
    expect(existsSync(join(ROOT, 'node_modules/electron/path.txt'))).toBe(false);
    const child = spawn(process.execPath, [join(ROOT, 'electron/cli/start.ts'), '--no-open', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', DISPLAY: '', WAYLAND_DISPLAY: '' },
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
    expect(stdout).toMatch(/^KubeDesk UI on http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}\n$/);
    const lines = stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('Downloading'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Electron's binary is not available \(.+\); starting KubeDesk in your browser instead\.$/);
    expect(code).toBe(0);
  }, 90_000);
});
