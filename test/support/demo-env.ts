// The demo cluster plus an isolated KubeDesk world for CLI tests: a temp HOME (no ~/.kube/config),
// a temp KUBEDESK_HOME, and the demo's kubeconfig in its own folder.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { requireKeyring } from './keyring.ts';
import { tmpdir } from 'node:os';
import { startDemoCluster, type DemoCluster } from '../../electron/core/demo/demo-cluster.ts';

export interface DemoEnv {
  demo: DemoCluster;
  /** The demo's kubeconfig (contexts demo, demo-basic, demo-cert). */
  kubeconfig: string;
  home: string;
  kubedeskHome: string;
  /** Env for runCli: no KUBECONFIG, a temp HOME and KUBEDESK_HOME. */
  env: NodeJS.ProcessEnv;
  /** Every secret the demo kubeconfig holds, to scan outputs and files for. */
  secrets: string[];
  /** Stops the demo and removes the temp folders. */
  dispose(): Promise<void>;
}

export async function startDemoEnv(): Promise<DemoEnv> {
  const demo = await startDemoCluster();
  const root = mkdtempSync(join(tmpdir(), 'kd-demo-env-'));
  const kubeconfig = await demo.writeKubeconfig(join(root, 'demo'));
  const home = join(root, 'home');
  const kubedeskHome = join(root, 'kubedesk-home');
  const c = demo.credentials;
  const keyBody = c.clientKeyPem.split('\n').filter((l) => l && !l.startsWith('-----'))[0]!;
  return {
    demo,
    kubeconfig,
    home,
    kubedeskHome,
    env: { HOME: home, KUBECONFIG: '', KUBEDESK_HOME: kubedeskHome, KUBEDESK_LOG: '' },
    secrets: [c.token, c.password, keyBody, Buffer.from(c.clientKeyPem).toString('base64').slice(0, 40)],
    dispose: async () => {
      await demo.dispose();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the demo for the current test file (beforeAll) and stops it (afterAll); returns a
 * getter. `keyring`: the file needs the real keychain (requireKeyring).
 */
export function demoEnvForSuite(opts: { keyring?: boolean } = {}): () => DemoEnv {
  let env: DemoEnv | undefined;
  beforeAll(async () => {
    if (opts.keyring) requireKeyring();
    env = await startDemoEnv();
  });
  afterAll(async () => {
    await env?.dispose();
  });
  return () => env!;
}

/** Every file under a folder, recursively, as one text (for "no secret in any file" scans). */
export function textOfFilesUnder(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f, 'latin1'))
    .join('\n');
}
