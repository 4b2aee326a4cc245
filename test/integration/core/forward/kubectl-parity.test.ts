import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoRoundTrip, runningPod, sha256, startDemoForwards, type DemoForwards } from './forward-test-support.ts';

let t: DemoForwards;
beforeAll(async () => {
  t = await startDemoForwards();
});
afterAll(async () => {
  await t?.dispose();
});

/** Real kubectl v1.32 port-forward; resolves with its local port once it printed its ready line. */
function kubectlPortForward(args: string[]): Promise<{ port: number; lines: string[]; stop(): void }> {
  const home = mkdtempSync(join(tmpdir(), 'kd-kubectl-home-'));
  const child = spawn('/usr/bin/kubectl', ['--kubeconfig', t.kubeconfig, 'port-forward', ...args], { env: { ...process.env, HOME: home } });
  const lines: string[] = [];
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kubectl not ready: ${err}`)), 30_000);
    child.on('exit', (code) => reject(new Error(`kubectl exited ${code}: ${err}`)));
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      lines.push(...parts);
      const m = /^Forwarding from 127\.0\.0\.1:(\d+) -> /.exec(lines[0] ?? '');
      if (m) {
        clearTimeout(timer);
        resolve({ port: Number(m[1]), lines, stop: () => child.kill('SIGINT') });
      }
    });
  });
}

describe('KubeDesk next to real kubectl port-forward (docs/port-forward.md)', () => {
  it('the same pod and payloads give the same bytes through both', { timeout: 120_000 }, async () => {
    const pod = await runningPod(t.kubeconfig, 'app=echo');
    const kubectl = await kubectlPortForward(['-n', 'shop', `pod/${pod}`, ':9000', '--address', '127.0.0.1']);
    try {
      const info = await t.manager.add({
        context: 'demo',
        namespace: 'shop',
        target: `pod/${pod}`,
        ports: [':9000'],
        addresses: ['127.0.0.1'],
      });
      const ours = info.bindings[0]!.local;
      const payloads = [Buffer.from('hi'), randomBytes(1), randomBytes(64 * 1024), randomBytes(3 * 1024 * 1024 + 7)];
      for (const p of payloads) {
        const [viaKubectl, viaKubeDesk] = await Promise.all([echoRoundTrip(kubectl.port, p, 60_000), echoRoundTrip(ours, p, 60_000)]);
        expect(sha256(viaKubeDesk)).toBe(sha256(viaKubectl));
        expect(viaKubeDesk.equals(p)).toBe(true);
      }
      // The ready lines read the same (docs/port-forward.md, Arguments): only the local port differs.
      expect(kubectl.lines[0]).toBe(`Forwarding from 127.0.0.1:${kubectl.port} -> 9000`);
      await t.manager.remove(info.id);
    } finally {
      kubectl.stop();
    }
  });
});
