// Startup with 50 imported contexts whose secrets are in the keychain (goal < 500 ms).
// "Startup" is what the app does before it can show the clusters view: read the app store and
// the kubeconfig files, check every imported user's keychain entry (one Secret Service call),
// build the snapshot; then reading all 50 secrets (one lookup each, what connecting to every
// context costs). The baseline is the same work over an in-memory SecretStore, in the same run.
//
// On Linux it runs inside its own D-Bus session with a fresh gnome-keyring (as `npm test` does),
// so it never touches your keychain; elsewhere it uses a separate service name and cleans up.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ConnectionProvider } from '../../electron/core/cluster/connection-provider.ts';
import { KeytarSecretStore } from '../../electron/core/credentials/keytar-secret-store.ts';
import type { SecretStore } from '../../electron/core/credentials/secret-store.ts';
import { EventBus } from '../../electron/core/events.ts';
import { ContextsService } from '../../electron/core/kubeconfig/contexts-service.ts';
import { silentLogger } from '../../electron/core/log.ts';
import { AppStore } from '../../electron/core/store/app-store.ts';
import { ImportedContexts } from '../../electron/core/store/imported-contexts.ts';
import { MemorySecretStore } from '../fakes/memory-secret-store.ts';
import { median } from './median.ts';

const CONTEXTS = 50;
const RUNS = 7;

function candidates(): Parameters<ImportedContexts['import']>[0] {
  return Array.from({ length: CONTEXTS }, (_, i) => ({
    name: `ctx-${String(i).padStart(2, '0')}`,
    namespace: 'default',
    cluster: { name: `cluster-${i}`, fields: { server: `https://10.0.${i}.1:6443` } },
    user: { name: `user-${i}`, fields: { token: randomBytes(32).toString('base64url') } },
  }));
}

function services(home: string, secrets: SecretStore): { contexts: ContextsService; imported: ImportedContexts; dispose(): void } {
  const imported = new ImportedContexts({ store: new AppStore({ home }), secrets, log: silentLogger });
  const sources = { files: [join(home, 'no-kubeconfig')], mustExist: false, origin: 'env' as const };
  const connections = new ConnectionProvider({
    sources,
    imported,
    exec: { env: async () => process.env, stdinIsTTY: false },
    log: silentLogger,
  });
  const contexts = new ContextsService({
    sources,
    imported,
    connections,
    secrets,
    events: new EventBus(),
    log: silentLogger,
    execEnv: async () => process.env,
  });
  return { contexts, imported, dispose: () => connections.dispose() };
}

/** One "startup": fresh services, the snapshot with the keychain check, then all 50 secrets. */
async function startup(home: string, secrets: SecretStore): Promise<{ snapshotMs: number; secretsMs: number }> {
  const t0 = performance.now();
  const s = services(home, secrets);
  const snap = await s.contexts.snapshot();
  const t1 = performance.now();
  if (snap.contexts.length !== CONTEXTS || snap.problems.length > 0)
    throw new Error(`unexpected snapshot: ${snap.contexts.length} contexts, ${snap.problems.length} problems`);
  const { doc } = await s.imported.read();
  for (const u of doc.users) await s.imported.secretsOf(u);
  const t2 = performance.now();
  s.dispose();
  return { snapshotMs: t1 - t0, secretsMs: t2 - t1 };
}

async function measure(): Promise<Record<string, number | string>> {
  const root = mkdtempSync(join(tmpdir(), 'kd-bench-cred-'));
  const keychain = new KeytarSecretStore({ service: `KubeDesk-bench-${randomBytes(4).toString('hex')}` });
  const memory = new MemorySecretStore();
  try {
    const homes = { keychain: join(root, 'keychain'), memory: join(root, 'memory') };
    const setupStart = performance.now();
    await services(homes.keychain, keychain).imported.import(candidates(), 'bench');
    const importMs = performance.now() - setupStart;
    await services(homes.memory, memory).imported.import(candidates(), 'bench');
    const cold = await coldStartup(homes.keychain, keychain.service);
    const warm: Array<{ snapshotMs: number; secretsMs: number }> = [];
    const base: Array<{ snapshotMs: number; secretsMs: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      warm.push(await startup(homes.keychain, keychain));
      base.push(await startup(homes.memory, memory));
    }
    const startupMs = median(warm.map((w) => w.snapshotMs + w.secretsMs));
    const baselineMs = median(base.map((w) => w.snapshotMs + w.secretsMs));
    return {
      contexts: CONTEXTS,
      'import 50 contexts (ms)': importMs,
      'cold process: startup incl. loading keytar (ms)': cold.snapshotMs + cold.secretsMs,
      'cold process: from node start to all secrets read (ms)': cold.sinceProcessStartMs,
      'startup: snapshot + keychain check (ms, median)': median(warm.map((w) => w.snapshotMs)),
      'startup: read all 50 secrets (ms, median)': median(warm.map((w) => w.secretsMs)),
      'startup total (ms, median)': startupMs,
      'baseline, in-memory secrets (ms, median)': baselineMs,
      'ratio keychain / baseline': startupMs / baselineMs,
      'goal < 500 ms': Math.max(startupMs, cold.snapshotMs + cold.secretsMs) < 500 ? 'met' : 'MISSED',
    };
  } finally {
    for (const e of await keychain.findAll().catch(() => [])) await keychain.delete(e.account);
    rmSync(root, { recursive: true, force: true });
  }
}

/** The first startup of a fresh process: keytar's native module and the D-Bus connection are cold. */
function coldStartup(home: string, service: string): Promise<{ snapshotMs: number; secretsMs: number; sinceProcessStartMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [import.meta.filename, '--cold', home, service], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(out) as { snapshotMs: number; secretsMs: number; sinceProcessStartMs: number });
      } catch {
        reject(new Error(`cold startup exited ${code}: ${out}`));
      }
    });
  });
}

/** Runs `measure` in a child inside a private D-Bus session and gnome-keyring (Linux). */
function inPrivateKeyring(): Promise<Record<string, number | string>> {
  const dataHome = mkdtempSync(join(tmpdir(), 'kd-bench-keyring-'));
  mkdirSync(join(dataHome, 'keyrings'));
  writeFileSync(join(dataHome, 'keyrings', 'default'), 'login');
  const inner = 'echo -n kubedesk-bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$0" "$@"';
  return new Promise((resolve, reject) => {
    const child = spawn('dbus-run-session', ['--', 'sh', '-c', inner, process.execPath, import.meta.filename, '--child'], {
      env: { ...process.env, XDG_DATA_HOME: dataHome, KUBEDESK_TEST_KEYRING: 'private' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(dataHome, { recursive: true, force: true });
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as Record<string, number | string>);
      } catch {
        reject(new Error(`bench child exited ${code}: ${out.slice(-500)}`));
      }
    });
  });
}

export async function benchCredentials(): Promise<Record<string, number | string>> {
  if (process.platform === 'linux' && !process.env['KUBEDESK_TEST_KEYRING']) return inPrivateKeyring();
  return measure();
}

if (import.meta.main && process.argv[2] === '--child') {
  process.stdout.write(JSON.stringify(await measure()) + '\n');
}
if (import.meta.main && process.argv[2] === '--cold') {
  const r = await startup(process.argv[3]!, new KeytarSecretStore({ service: process.argv[4]! }));
  // performance.now() counts from this process's start: node boot and module loading included.
  process.stdout.write(JSON.stringify({ ...r, sinceProcessStartMs: performance.now() }));
}
