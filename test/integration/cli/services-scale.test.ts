// `kubedesk services -A` over 10,000 services, against `kubedesk demo --services 10000` running in its
// own process, as a user would run it. How long it takes is measured by `npm run bench -- services`
// (test/bench/services-bench.ts), never here.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, startCli, type LongRunning } from '../../support/run-cli.ts';

const run = promisify(execFile);
let demo: LongRunning;
let dir: string;
let kubeconfig: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kd-svc-scale-'));
  demo = startCli(['demo', '--port', '0', '--dir', join(dir, 'demo'), '--services', '10000']);
  kubeconfig = (await demo.waitForLine(/^Kubeconfig: (.+)$/, 60_000))[1]!;
});
afterAll(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('kubedesk services at scale', () => {
  it('lists all 10,000 bulk services with -A, each with its readiness', async () => {
    const env = { ...process.env, NO_COLOR: '1', HOME: join(dir, 'home'), KUBECONFIG: '', KUBEDESK_HOME: join(dir, 'kd-home') };
    const { stdout } = await run(process.execPath, [CLI, 'services', '-A', '--kubeconfig', kubeconfig], {
      cwd: ROOT,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('bulk '))).toHaveLength(10_000);
    expect(lines).toContainEqual(expect.stringMatching(/^bulk\s+svc-10000\s+ClusterIP\s+\S+\s+<none>\s+80\/TCP\s+Ready 2\/2$/));
  });
});
